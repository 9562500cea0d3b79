import type { JourneyDocumentInput } from "@overture/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PermanentError, TransientError } from "../src/errors.ts";
import { actionsOf, DAY, openTestRuntime, publish, T0 } from "./helpers.ts";

const onboarding: JourneyDocumentInput & { id: string } = {
  id: "onboarding",
  schemaVersion: 1,
  name: "Onboarding",
  settings: {
    reentry: "never",
    exitCriteria: [{ event: "account.cancelled" }],
    goal: { name: "Activated", event: "feature.activated" },
  },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Welcome", body: "<mjml><mj-body></mj-body></mjml>", next: "hero" },
    { id: "hero", type: "personalize", slot: "dashboard.hero", contentId: "onboarding-hero", next: "wait-login" },
    {
      id: "wait-login",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "7d",
      next: "thanks",
      timeoutNext: "nudge",
    },
    { id: "thanks", type: "email", subject: "Thanks", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "nudge", type: "email", subject: "Come back", body: "<mjml><mj-body></mj-body></mjml>", next: "pause" },
    { id: "pause", type: "wait", wait: { type: "duration", duration: "2d" }, next: "nudge-2" },
    { id: "nudge-2", type: "email", subject: "Still there?", body: "<mjml><mj-body></mj-body></mjml>", next: "done" },
    { id: "done", type: "exit" },
  ],
};

describe("engine on SQLite", () => {
  let t: Awaited<ReturnType<typeof openTestRuntime>>;
  beforeEach(async () => {
    t = await openTestRuntime();
    await publish(t.overture, t.ws, onboarding);
  });
  afterEach(() => t.cleanup());

  const send = (customerId: string, name: string, id?: string) =>
    t.overture.events.ingest(t.ws, [{ id, name, customerId, at: t.clock.now() }]);

  it("starts a journey on its trigger and runs until the first wait", async () => {
    await send("c1", "purchase.completed");
    const r = await t.overture.engine.runUntilIdle();
    expect(r.steps).toBe(4);
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0"]);
    const [instance] = await t.overture.store.instancesOfCustomer(t.ws, "c1");
    expect(instance?.status).toBe("waiting");
    expect(instance?.stepId).toBe("wait-login");
  });

  it("takes the event exit when the customer logs in before the timeout", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    t.clock.advance(3 * DAY);
    await send("c1", "portal.login");
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0", "thanks@3"]);
    const history = await t.overture.customers.history(t.ws, "c1");
    const wait = history.instances[0]?.transitions.find((x) => x.stepId === "wait-login" && x.outcome === "event");
    expect(wait?.reason).toContain("portal.login");
  });

  it("takes the timeout exit after 7 days, then waits 2 more days", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    t.clock.advance(7 * DAY - 1);
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0"]);
    t.clock.advance(1);
    await t.overture.engine.runUntilIdle();
    t.clock.advance(2 * DAY);
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0", "nudge@7", "nudge-2@9"]);
    expect((await t.overture.store.instancesOfCustomer(t.ws, "c1"))[0]?.status).toBe("completed");
  });

  it("a login that arrives after the timeout was due counts as timed out", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    t.clock.advance(8 * DAY);
    await send("c1", "portal.login");
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0", "nudge@8"]);
  });

  it("accepts a resent event once", async () => {
    const first = await send("c1", "purchase.completed", "evt-1");
    const again = await send("c1", "purchase.completed", "evt-1");
    expect([first.accepted, first.duplicates, again.accepted, again.duplicates]).toEqual([1, 0, 0, 1]);
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0"]);
  });

  it("refuses, per event, text no database can keep (NUL, lone surrogates) and keeps the rest of the batch", async () => {
    const result = await t.overture.events.ingest(t.ws, [
      { name: "note", customerId: "c1", properties: { text: "a\u0000b" } },
      { name: "note", customerId: "c1", properties: { text: "fine 😀" } },
      { name: "note", customerId: "c1", properties: { nested: ["\ud800"] } },
    ]);
    expect(result.accepted).toBe(1);
    expect(result.errors.map((e) => [e.index, e.code])).toEqual([
      [0, "invalid_event"],
      [2, "invalid_event"],
    ]);
    // Issue 12, finding 12: each refusal names the text at fault.
    expect(result.errors.map((e) => e.problems?.map((p) => [p.path, p.code]))).toEqual([
      [["properties.text", "unstorable_text"]],
      [["properties.nested[0]", "unstorable_text"]],
    ]);
  });

  it("does not let a customer enter twice when re-entry is never allowed", async () => {
    await send("c1", "purchase.completed");
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    expect(await t.overture.store.instancesOfCustomer(t.ws, "c1")).toHaveLength(1);
  });

  it("exit criteria end the journey at once", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    t.clock.advance(DAY);
    await send("c1", "account.cancelled");
    await t.overture.engine.runUntilIdle();
    t.clock.advance(10 * DAY);
    await t.overture.engine.runUntilIdle();
    const [instance] = await t.overture.store.instancesOfCustomer(t.ws, "c1");
    expect(instance?.status).toBe("exited");
    expect(instance?.exitReason).toContain("account.cancelled");
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0"]);
  });

  it("counts a goal conversion without leaving the journey", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    await send("c1", "feature.activated");
    await t.overture.engine.runUntilIdle();
    const stats = await t.overture.journeys.stats(t.ws, "onboarding");
    expect(stats.converted).toBe(1);
    expect(stats.active).toBe(1);
  });

  it("pausing stops timers and resuming restores them", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    await t.overture.journeys.pause(t.ws, "onboarding");
    t.clock.advance(8 * DAY);
    await send("c2", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0"]);
    expect(await actionsOf(t.overture, t.ws, "c2")).toEqual([]);
    await t.overture.journeys.resume(t.ws, "onboarding");
    await t.overture.engine.runUntilIdle();
    expect(await actionsOf(t.overture, t.ws, "c1")).toEqual(["welcome@0", "hero@0", "nudge@8"]);
  });

  it("running instances finish on the version they started on", async () => {
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    const v2 = {
      ...onboarding,
      steps: onboarding.steps.map((s) => (s.id === "nudge" ? { ...s, subject: "Version 2" } : s)),
    };
    await t.overture.journeys.updateDraft(t.ws, "onboarding", v2);
    const published = await t.overture.journeys.publish(t.ws, "onboarding");
    expect(published.version).toBe(2);
    t.clock.advance(7 * DAY);
    await t.overture.engine.runUntilIdle();
    const rows = await t.overture.store.outboxOf(t.ws, { customerId: "c1" });
    expect(rows.map((r) => r.version)).toEqual([1, 1, 1]);
  });

  it("the dispatcher delivers, retries with backoff and dead-letters", async () => {
    let failures = 0;
    t.overture.dispatcher.register({
      channel: "email",
      async deliver(d) {
        if (d.stepId === "welcome" && failures < 2) {
          failures++;
          throw new TransientError("smtp_unavailable", "try later");
        }
        return { sent: true };
      },
    });
    t.overture.dispatcher.register({
      channel: "slot",
      async deliver() {
        throw new PermanentError("unknown_slot", "no such slot");
      },
    });
    await send("c1", "purchase.completed");
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runUntilIdle();
    expect((await t.overture.store.outboxOf(t.ws, { status: "dead" })).map((r) => r.stepId)).toEqual(["hero"]);
    // Backoff with full jitter (docs/decisions/0017): the first retry within 10 s for email, the second within 20 s.
    const [pending] = await t.overture.store.outboxOf(t.ws, { status: "pending" });
    expect([pending?.stepId, pending?.attempts]).toEqual(["welcome", 1]);
    expect(pending!.nextAttemptAt - T0).toBeGreaterThan(0);
    expect(pending!.nextAttemptAt - T0).toBeLessThan(10_000);
    t.clock.advanceTo(pending!.nextAttemptAt);
    await t.overture.dispatcher.runUntilIdle();
    const [second] = await t.overture.store.outboxOf(t.ws, { status: "pending" });
    expect(second!.nextAttemptAt - t.clock.now()).toBeGreaterThan(0);
    expect(second!.nextAttemptAt - t.clock.now()).toBeLessThan(20_000);
    t.clock.advanceTo(second!.nextAttemptAt);
    await t.overture.dispatcher.runUntilIdle();
    expect((await t.overture.store.outboxOf(t.ws, { status: "sent" })).map((r) => [r.stepId, r.attempts])).toEqual([
      ["welcome", 3],
    ]);
  });
});

describe("schedule triggers", () => {
  it("enter every customer of the workspace when the schedule fires, again each period, once per run", async () => {
    const t = await openTestRuntime();
    try {
      await t.overture.customers.upsert(t.ws, { id: "a", attributes: {} });
      await t.overture.customers.upsert(t.ws, { id: "b", attributes: {} });
      await publish(t.overture, t.ws, {
        id: "digest",
        schemaVersion: 1,
        name: "Daily digest",
        settings: { reentry: "always" },
        steps: [
          { id: "daily", type: "trigger", trigger: { type: "schedule", every: "1d" }, next: "digest" },
          {
            id: "digest",
            type: "email",
            subject: "Your digest",
            body: "<mjml><mj-body></mj-body></mjml>",
            next: "done",
          },
          { id: "done", type: "exit" },
        ],
      });
      await t.overture.engine.runUntilIdle();
      await t.overture.engine.runUntilIdle();
      expect(await actionsOf(t.overture, t.ws, "a")).toEqual(["digest@0"]);
      expect(await actionsOf(t.overture, t.ws, "b")).toEqual(["digest@0"]);
      await t.overture.customers.upsert(t.ws, { id: "c", attributes: {} });
      t.clock.advance(DAY - 1);
      await t.overture.engine.runUntilIdle();
      expect(await actionsOf(t.overture, t.ws, "c")).toEqual([]);
      // No worker ran at day 1; at day 2.5 the missed run fires once (not once per missed period), and the
      // schedule keeps its rhythm: the next run is at day 3.
      t.clock.advance(1 + 1.5 * DAY);
      await t.overture.engine.runUntilIdle();
      expect(await actionsOf(t.overture, t.ws, "a")).toEqual(["digest@0", "digest@2.5"]);
      expect(await actionsOf(t.overture, t.ws, "c")).toEqual(["digest@2.5"]);
      t.clock.advance(0.5 * DAY);
      await t.overture.engine.runUntilIdle();
      expect(await actionsOf(t.overture, t.ws, "c")).toEqual(["digest@2.5", "digest@3"]);
    } finally {
      await t.cleanup();
    }
  });
});
