import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, openTestApp, type TestApp } from "./test-app.ts";

describe("customers' data rights over HTTP", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("exports a customer, erases them (counts only), then exports empty; a late event is dropped until identified", async () => {
    await t.call("PUT", "/v1/customers/ada", { body: { attributes: { email: "ada@example.test", plan: "team" } } });
    await t.call("POST", "/v1/events", { key: t.keys.writeKey, body: { name: "signed_up", customerId: "ada" } });
    const before = await t.call("GET", "/v1/customers/ada/export");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ customerId: "ada", profile: { id: "ada" }, events: [{ name: "signed_up" }] });

    const erased = await t.call("DELETE", "/v1/customers/ada");
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: "ada", tombstone: true, erased: { profile: 1, events: 1 } });
    expect(JSON.stringify(erased.body)).not.toContain("ada@example.test");

    const after = await t.call("GET", "/v1/customers/ada/export");
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ profile: null, events: [], journeys: [], mailbox: [] });
    expect((await t.call("GET", "/v1/customers/ada")).status).toBe(404);

    const late = await t.call("POST", "/v1/events/batch", {
      key: t.keys.writeKey,
      body: {
        events: [
          { name: "page", customerId: "bob" },
          { name: "page", customerId: "ada" },
        ],
      },
    });
    expect(late.body).toMatchObject({ accepted: 1, dropped: { count: 1, code: "customer_erased", indexes: [1] } });
    const segment = await t.call("POST", "/v1/identify", {
      key: null,
      headers: { authorization: basicAuth(t.keys.writeKey) },
      body: { userId: "ada", traits: { plan: "pro" } },
    });
    expect(segment.body).toMatchObject({ accepted: 1 });
    expect((await t.call("GET", "/v1/customers/ada/export")).body.profile).toMatchObject({
      attributes: { plan: "pro" },
    });

    const again = await t.call("DELETE", "/v1/customers/nobody");
    expect(again.status).toBe(200);
    expect(Object.values(again.body.erased).every((n) => n === 0)).toBe(true);
  });

  it("keeps retention off by default and refuses a window under 30 days", async () => {
    expect((await t.call("GET", "/v1/retention")).body).toEqual({
      events: null,
      history: null,
      deliveries: null,
      minimumDays: 30,
      updatedAt: null,
    });
    const short = await t.call("PUT", "/v1/retention", { body: { events: 7, history: null, deliveries: null } });
    expect(short.status).toBe(400);
    expect(short.body.error.problems[0]).toMatchObject({ path: "events" });
    const saved = await t.call("PUT", "/v1/retention", { body: { events: 90, history: 365, deliveries: null } });
    expect(saved.body).toMatchObject({ events: 90, history: 365, deliveries: null });
    expect((await t.call("GET", "/v1/retention")).body).toMatchObject({ events: 90, history: 365 });
  });

  it("refuses the write key: erasure and export need a management key", async () => {
    expect((await t.call("DELETE", "/v1/customers/ada", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("GET", "/v1/customers/ada/export", { key: t.keys.writeKey })).status).toBe(403);
  });
});
