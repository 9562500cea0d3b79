import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, openTestApp, type TestApp } from "./test-app.ts";

// Issue 12, finding 4: the public write key rewrote any customer's email and consent.
describe("protected identity: what the write key may change", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
    await t.overture.customers.upsert(t.keys.workspaceId, {
      id: "ada",
      attributes: { email: "ada@example.com", consent: { email: false }, plan: "team", firstName: "Ada" },
    });
  });
  afterEach(async () => t.close());

  const profile = async (id = "ada") => (await t.overture.customers.get(t.keys.workspaceId, id))?.attributes;
  const signed = async (customerId: string) => ({
    "x-customer-id": customerId,
    "x-customer-token": (await t.call("GET", `/v1/portal/token?customerId=${customerId}`)).body.token,
  });
  const event = (attributes: Record<string, unknown>, customerId = "ada") => ({
    name: "profile.updated",
    customerId,
    attributes,
  });

  it("refuses email and consent changes made with the write key alone, lists them, and applies the rest", async () => {
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: event({
        email: "attacker@evil.example",
        consent: { email: true },
        "consent.sms": true,
        phone: "+1555",
        firstName: "Ada L.",
      }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 1, errors: [] });
    expect(answer.body.refused.map((r: { path: string; code: string }) => [r.path, r.code])).toEqual([
      ["attributes.email", "protected_attribute"],
      ["attributes.consent", "protected_attribute"],
      ["attributes.consent.sms", "protected_attribute"],
      ["attributes.phone", "protected_attribute"],
    ]);
    expect(answer.body.refused[0].message).toContain("X-Customer-Token");
    await t.overture.engine.runUntilIdle();
    expect(await profile()).toEqual({
      email: "ada@example.com",
      consent: { email: false },
      plan: "team",
      firstName: "Ada L.",
    });
  });

  it("refuses setting an email on a customer who has none yet (an attacker could claim a customer id first)", async () => {
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: event({ email: "attacker@evil.example" }, "newcomer"),
    });
    expect(answer.body.refused).toMatchObject([{ path: "attributes.email" }]);
  });

  it("lists refusals by index in a batch and on Segment identify and batch", async () => {
    const batch = await t.call("POST", "/v1/events/batch", {
      key: t.keys.writeKey,
      body: { events: [event({ firstName: "A" }), event({ email: "x@evil.example" })] },
    });
    expect(batch.body).toMatchObject({
      accepted: 2,
      refused: [{ index: 1, path: "attributes.email", code: "protected_attribute" }],
    });
    const identify = await t.call("POST", "/v1/identify", {
      headers: { authorization: basicAuth(t.keys.writeKey) },
      body: { userId: "ada", traits: { consent: { email: true }, firstName: "Ada" } },
    });
    expect(identify.body).toMatchObject({
      success: true,
      accepted: 1,
      refused: [{ path: "traits.consent", code: "protected_attribute" }],
    });
    const segmentBatch = await t.call("POST", "/v1/batch", {
      key: null,
      body: {
        writeKey: t.keys.writeKey,
        batch: [{ type: "identify", userId: "ada", traits: { email: "x@evil.example" } }],
      },
    });
    expect(segmentBatch.body.refused).toMatchObject([{ index: 0, path: "traits.email" }]);
    await t.overture.engine.runUntilIdle();
    expect(await profile()).toMatchObject({ email: "ada@example.com", consent: { email: false } });
    // The identify event's properties mirror its traits: the refused ones are not kept there either.
    const events = (await t.overture.customers.history(t.keys.workspaceId, "ada")).recentEvents.filter(
      (e) => e.name === "identify",
    );
    expect(events.every((e) => !("consent" in e.properties) && !("email" in e.properties))).toBe(true);
  });

  it("does not count resending the stored value as a change", async () => {
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: event({ email: "ada@example.com", consent: { email: false } }),
    });
    expect(answer.body.refused).toBeUndefined();
  });

  it("applies protected changes with a signed identity (customer token headers) for that customer only", async () => {
    const headers = await signed("ada");
    const own = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      headers,
      body: event({ email: "ada@new.example", consent: { email: true } }),
    });
    expect(own.body.refused).toBeUndefined();
    const other = await t.call("POST", "/v1/events/batch", {
      key: t.keys.writeKey,
      headers,
      body: { events: [event({ email: "bob@evil.example" }, "bob")] },
    });
    expect(other.body.refused).toMatchObject([{ index: 0, path: "attributes.email" }]);
    await t.overture.engine.runUntilIdle();
    expect(await profile()).toMatchObject({ email: "ada@new.example", consent: { email: true } });
    expect(await profile("bob")).toEqual({});
  });

  it("refuses protected changes under an expired signed identity, and says why", async () => {
    const headers = await signed("ada");
    t.clock.advance(13 * 3_600_000);
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      headers,
      body: event({ email: "ada@new.example" }),
    });
    expect(answer.body.refused[0].message).toContain("customer_token_expired");
  });

  it("applies protected changes made with the secret key", async () => {
    const answer = await t.call("POST", "/v1/events", { body: event({ email: "ada@backend.example" }) });
    expect(answer.body.refused).toBeUndefined();
    await t.overture.engine.runUntilIdle();
    expect((await profile())?.email).toBe("ada@backend.example");
  });

  it("protects the attributes the workspace lists in its identity settings (secret key only)", async () => {
    expect((await t.call("GET", "/v1/identity-settings")).body).toEqual({
      protectedAttributes: [],
      alwaysProtected: ["email", "phone", "consent"],
    });
    expect(
      (await t.call("PUT", "/v1/identity-settings", { key: t.keys.writeKey, body: { protectedAttributes: ["plan"] } }))
        .status,
    ).toBe(403);
    const put = await t.call("PUT", "/v1/identity-settings", { body: { protectedAttributes: ["plan", "role"] } });
    expect(put.body).toEqual({ protectedAttributes: ["plan", "role"], alwaysProtected: ["email", "phone", "consent"] });
    const answer = await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: event({ plan: "enterprise", "role.admin": true, firstName: "A" }),
    });
    expect(answer.body.refused.map((r: { path: string }) => r.path)).toEqual([
      "attributes.plan",
      "attributes.role.admin",
    ]);
    const bad = await t.call("PUT", "/v1/identity-settings", { body: { protectedAttributes: [""] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0].path).toBe("protectedAttributes[0]");
  });
});
