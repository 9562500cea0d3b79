import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, openTestApp, type TestApp } from "./test-app.ts";

describe("Segment tracking API", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const segment = (path: string, body: unknown, authorization = basicAuth(t.keys.writeKey)) =>
    t.call("POST", path, { headers: { authorization }, body });
  const history = (customerId: string) => t.overture.customers.history(t.keys.workspaceId, customerId);

  it("track: stores the event under the userId, with messageId as its id", async () => {
    const res = await segment("/v1/track", {
      type: "track",
      userId: "u1",
      anonymousId: "anon-1",
      event: "purchase.completed",
      properties: { total: 42 },
      messageId: "m-1",
      timestamp: "2025-01-05T10:00:00.000Z",
      context: { library: { name: "analytics-node" } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accepted: 1, duplicates: 0, errors: [] });
    expect((await history("u1")).recentEvents).toEqual([
      {
        id: "m-1",
        name: "purchase.completed",
        customerId: "u1",
        properties: { total: 42 },
        at: Date.UTC(2025, 0, 5, 10),
      },
    ]);
  });

  it("identify: merges traits into the customer (time zone from context); email needs a signed identity (issue 12)", async () => {
    const res = await segment("/v1/identify", {
      userId: "u1",
      traits: { email: "ada@example.test", plan: "team" },
      context: { timezone: "Europe/Paris" },
    });
    expect(res.status).toBe(200);
    expect(res.body.refused).toMatchObject([{ path: "traits.email", code: "protected_attribute" }]);
    const { customer, recentEvents } = await history("u1");
    expect(customer.attributes).toEqual({ plan: "team", timezone: "Europe/Paris" });
    expect(recentEvents.map((e) => e.name)).toEqual(["identify"]);
  });

  it("page: records page.viewed for an anonymous visitor", async () => {
    await segment("/v1/page", {
      anonymousId: "anon-9",
      name: "Pricing",
      properties: { url: "https://example.test/pricing" },
    });
    expect((await history("anon-9")).recentEvents).toMatchObject([
      { name: "page.viewed", properties: { name: "Pricing", url: "https://example.test/pricing" } },
    ]);
  });

  it("a resent message (same messageId) is accepted once", async () => {
    const message = { userId: "u1", event: "portal.login", messageId: "m-dup" };
    expect((await segment("/v1/track", message)).body.accepted).toBe(1);
    expect((await segment("/v1/track", message)).body).toMatchObject({ success: true, accepted: 0, duplicates: 1 });
  });

  it("batch: stores good messages and reports the others by index", async () => {
    const res = await segment("/v1/batch", {
      batch: [
        { type: "identify", userId: "u1", traits: { plan: "team" }, messageId: "b-0" },
        { type: "track", userId: "u1", event: "portal.login", messageId: "b-1" },
        { type: "group", userId: "u1", groupId: "g1" },
        { type: "track", event: "no.user" },
        { type: "page", userId: "u1", name: "Home", messageId: "b-4" },
        { userId: "u1", event: "no.type" },
      ],
      context: { timezone: "Asia/Tokyo" },
    });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.accepted).toBe(3);
    expect(res.body.errors.map((e: { index: number; code: string }) => [e.index, e.code])).toEqual([
      [2, "unsupported_type"],
      [3, "invalid_event"],
      [5, "invalid_event"],
    ]);
    expect(res.body.errors[1].problems).toEqual([
      { path: "userId", code: "required", message: "userId or anonymousId is required" },
    ]);
    const { customer, recentEvents } = await history("u1");
    expect(customer.attributes).toEqual({ plan: "team", timezone: "Asia/Tokyo" });
    expect(recentEvents.map((e) => e.name).sort()).toEqual(["identify", "page.viewed", "portal.login"]);
  });

  it("is also served under /segment/v1 and takes the write key in the body", async () => {
    const res = await t.call("POST", "/segment/v1/track", {
      key: null,
      body: { writeKey: t.keys.writeKey, userId: "u2", event: "signed.up" },
    });
    expect(res.status).toBe(200);
    const batch = await t.call("POST", "/segment/v1/import", {
      key: null,
      body: { writeKey: t.keys.writeKey, batch: [{ type: "track", userId: "u2", event: "x" }] },
    });
    expect(batch.body.accepted).toBe(1);
  });

  it("refuses a missing or wrong write key with 401", async () => {
    expect((await t.call("POST", "/v1/track", { key: null, body: { userId: "u1", event: "x" } })).status).toBe(401);
    expect((await segment("/v1/track", { userId: "u1", event: "x" }, basicAuth("wk_wrong"))).status).toBe(401);
    expect(
      (await t.call("POST", "/v1/track", { key: null, body: { writeKey: "nope", userId: "u1", event: "x" } })).status,
    ).toBe(401);
  });

  it("refuses an invalid single message with 400 and its problems", async () => {
    const res = await segment("/v1/track", { userId: "u1", properties: "x", timestamp: "not a date" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_event");
    expect(res.body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(["event", "properties"]);
    const time = await segment("/v1/track", { userId: "u1", event: "x", timestamp: "not a date" });
    expect(time.body.error.problems).toEqual([
      { path: "timestamp", code: "invalid_date", message: expect.any(String) },
    ]);
  });

  it("answers browsers' CORS preflight on ingestion routes, not on management routes", async () => {
    const preflight = await t.app.request("/v1/batch", {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const sent = await t.call("POST", "/v1/track", {
      key: null,
      headers: { origin: "https://shop.example" },
      body: { writeKey: t.keys.writeKey, userId: "u1", event: "x" },
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get("access-control-allow-origin")).toBe("*");
    const management = await t.app.request("/v1/journeys", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "GET" },
    });
    expect(management.headers.get("access-control-allow-origin")).toBeNull();
  });
});
