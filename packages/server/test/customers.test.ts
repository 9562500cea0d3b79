import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

describe("customers API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("upserts a customer, merging attributes", async () => {
    const first = await t.call("PUT", "/v1/customers/c1", {
      body: { attributes: { plan: "team", timezone: "Europe/Paris" } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: "c1", attributes: { plan: "team", timezone: "Europe/Paris" } });
    const second = await t.call("PUT", "/v1/customers/c1", { body: { attributes: { plan: "business" } } });
    expect(second.body.attributes).toEqual({ plan: "business", timezone: "Europe/Paris" });
  });

  it("takes any id from the customer's system, URL-encoded, up to 200 characters", async () => {
    expect(
      (await t.call("PUT", "/v1/customers/ada%40example.com%2Fcaf%C3%A9", { body: { attributes: {} } })).body.id,
    ).toBe("ada@example.com/café");
    expect((await t.call("GET", "/v1/customers/ada%40example.com%2Fcaf%C3%A9")).status).toBe(200);
    const long = await t.call("PUT", `/v1/customers/${"x".repeat(201)}`, { body: { attributes: {} } });
    expect(long.status).toBe(400);
    expect(long.body.error.problems[0]).toMatchObject({ code: "too_big" });
  });

  it("refuses attributes that are not an object", async () => {
    const res = await t.call("PUT", "/v1/customers/c1", { body: { attributes: ["a"] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "invalid_input",
      problems: [{ path: "attributes", code: "invalid_type" }],
    });
  });

  it("answers 404 not_found for an unknown customer", async () => {
    const res = await t.call("GET", "/v1/customers/nobody");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("returns the customer's journey history: which steps, when and why", async () => {
    const created = await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } });
    await t.call("POST", `/v1/journeys/${created.body.id}/publish`);
    await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: { id: "p1", name: "purchase.completed", customerId: "c1", attributes: { plan: "team" } },
    });
    await t.overture.engine.runUntilIdle();
    t.clock.advance(3 * 86_400_000);
    await t.overture.engine.runUntilIdle();

    const res = await t.call("GET", "/v1/customers/c1");
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ id: "c1", attributes: { plan: "team" } });
    expect(res.body.recentEvents.map((e: { id: string }) => e.id)).toEqual(["p1"]);
    const [instance] = res.body.instances;
    expect(instance).toMatchObject({ journeyId: created.body.id, customerId: "c1", version: 1, status: "completed" });
    const path = instance.transitions.map((s: { stepId: string; outcome: string }) => `${s.stepId}:${s.outcome}`);
    expect(path).toEqual(expect.arrayContaining(["welcome:next", "wait-login:timeout", "nudge:next"]));
    const timeout = instance.transitions.find(
      (s: { stepId: string; outcome: string }) => s.stepId === "wait-login" && s.outcome === "timeout",
    );
    expect(timeout.at).toBe(T0 + 3 * 86_400_000);
    expect(timeout.reason).toEqual(expect.any(String));
  });
});
