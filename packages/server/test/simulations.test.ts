import { MAX_SIMULATED_CUSTOMERS } from "@overture/api-contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RENEWAL_REMINDER } from "../../runtime/test/fixtures/renewal-reminder.ts";
import { openTestApp, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

describe("draft simulations (issue #4)", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const createJourney = async (document: unknown = WELCOME_JOURNEY) =>
    (await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document } })).body.id as string;

  /** Polls until the simulation is no longer running; it runs on a thread of its own, so polls are answered. */
  async function finished(journeyId: string, simId: string) {
    const seen: number[] = [];
    for (;;) {
      const res = await t.call("GET", `/v1/journeys/${journeyId}/simulations/${simId}`);
      expect(res.status).toBe(200);
      seen.push(res.body.progress);
      if (res.body.state !== "running") return { simulation: res.body, seen };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("runs the draft on synthetic customers and reports a consistent funnel, leaving the live data alone", async () => {
    const id = await createJourney();
    const started = await t.call("POST", `/v1/journeys/${id}/simulations`, { body: { customers: 200, days: 10 } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ journeyId: id, state: "running", progress: 0, customers: 200, days: 10 });

    const { simulation, seen } = await finished(id, started.body.id);
    expect(simulation.error).toBeUndefined();
    expect(simulation.state).toBe("done");
    expect(simulation.progress).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Polls are answered while it runs (on its own thread), with the progress so far.
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    const step = (stepId: string) => simulation.funnel.find((s: { stepId: string }) => s.stepId === stepId);
    expect(simulation.funnel.map((s: { stepId: string }) => s.stepId)).toEqual(WELCOME_JOURNEY.steps.map((s) => s.id));
    expect(step("purchase").reached).toBe(200);
    expect(simulation.entered).toBe(200);
    const wait = step("wait-login");
    // Everyone who left the wait took one of its two exits, and both happened with this population.
    expect(wait.outcomes.event + wait.outcomes.timeout).toBe(wait.passed);
    expect(wait.outcomes.event).toBeGreaterThan(0);
    expect(wait.outcomes.timeout).toBeGreaterThan(0);
    expect(step("nudge").reached).toBe(wait.outcomes.timeout);

    // The simulation ran in a store of its own: the journey is still an unpublished draft with no figures here.
    const journey = await t.call("GET", `/v1/journeys/${id}`);
    expect(journey.body).toMatchObject({ status: "draft", currentVersion: null });
    expect((await t.overture.store.nextWakeAt()) ?? null).toBeNull();
  });

  it("simulates a journey on any event with the behaviours saved in its settings, and says why nobody entered (issue 15, defect 3)", async () => {
    const id = await createJourney(RENEWAL_REMINDER);
    const run = async () =>
      (
        await finished(
          id,
          (
            await t.call("POST", `/v1/journeys/${id}/simulations`, { body: { customers: 100, days: 10 } })
          ).body.id,
        )
      ).simulation;
    const first = await run();
    expect(first.entered).toBeGreaterThan(0);
    expect(first.nobodyEntered).toBeUndefined();
    const wait = first.funnel.find((s: { stepId: string }) => s.stepId === "renewed");
    expect([wait.outcomes.event > 0, wait.outcomes.timeout > 0]).toEqual([true, true]);

    const simulation = {
      events: [{ event: "subscription.renewal_due", share: 0, delay: { from: "0h", to: "1d" }, properties: [] }],
      attributes: [],
    };
    const draft = { ...RENEWAL_REMINDER, settings: { ...RENEWAL_REMINDER.settings, simulation } };
    expect((await t.call("PUT", `/v1/journeys/${id}/draft`, { body: draft })).status).toBe(200);
    const second = await run();
    expect(second.entered).toBe(0);
    expect(second.nobodyEntered).toBe(
      'Nobody entered: the journey starts on "Subscription renewal due" and the simulated customers were set to never do it (0% of customers).',
    );
  });

  it("gives the same funnel for the same seed", async () => {
    const id = await createJourney();
    const run = async () =>
      (
        await finished(
          id,
          (
            await t.call("POST", `/v1/journeys/${id}/simulations`, { body: { customers: 50, days: 5, seed: 7 } })
          ).body.id,
        )
      ).simulation;
    const [a, b] = [await run(), await run()];
    expect([a.state, b.state]).toEqual(["done", "done"]);
    expect(a.funnel.find((s: { stepId: string }) => s.stepId === "purchase").reached).toBe(50);
    expect(b.funnel).toEqual(a.funnel);
  });

  it("runs two simulations at once and refuses a third with 409 until one is done", async () => {
    const id = await createJourney();
    const start = () => t.call("POST", `/v1/journeys/${id}/simulations`, { body: { customers: 20, days: 3 } });
    const [a, b] = [await start(), await start()];
    expect([a.status, b.status]).toEqual([201, 201]);
    const third = await start();
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe("conflict");
    await finished(id, a.body.id);
    await finished(id, b.body.id);
    const again = await start();
    expect(again.status).toBe(201);
    await finished(id, again.body.id);
  });

  it("refuses an invalid draft with 422 and its problems", async () => {
    const id = await createJourney({
      ...WELCOME_JOURNEY,
      steps: WELCOME_JOURNEY.steps.map((s) => (s.id === "welcome" ? { ...s, next: "nowhere" } : s)),
    });
    const res = await t.call("POST", `/v1/journeys/${id}/simulations`, { body: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("journey_invalid");
    expect(res.body.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ stepId: "welcome" })]));
  });

  it("refuses too many customers with 400 naming the field, and an unknown simulation with 404", async () => {
    const id = await createJourney();
    const res = await t.call("POST", `/v1/journeys/${id}/simulations`, {
      body: { customers: MAX_SIMULATED_CUSTOMERS + 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ path: "customers", code: "too_big" })]);
    expect((await t.call("GET", `/v1/journeys/${id}/simulations/nope`)).status).toBe(404);
    expect((await t.call("POST", "/v1/journeys/missing/simulations", { body: {} })).status).toBe(404);
  });
});
