import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, openTestApp, type TestApp } from "./test-app.ts";

describe("authentication", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  const event = { name: "page.viewed", customerId: "c1" };

  it("answers 401 with a JSON error when the key is missing", async () => {
    const res = await t.call("GET", "/v1/journeys", { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: {
        code: "unauthorized",
        message: expect.stringContaining("Bearer"),
        problems: [{ path: "headers.authorization", code: "missing", message: "no API key" }],
      },
    });
  });

  it("answers 401 for an unknown key, a malformed header, or an empty bearer", async () => {
    expect((await t.call("GET", "/v1/journeys", { key: "ovt_sk_nope" })).body.error.code).toBe("unauthorized");
    expect((await t.call("GET", "/v1/journeys", { key: "ovt_sk_nope" })).status).toBe(401);
    expect((await t.call("GET", "/v1/journeys", { headers: { authorization: "Token abc" } })).status).toBe(401);
    expect((await t.call("GET", "/v1/journeys", { headers: { authorization: "Bearer" } })).status).toBe(401);
    expect((await t.call("POST", "/v1/events", { key: "wrong", body: event })).status).toBe(401);
  });

  it("answers 403 when the write key calls a management route", async () => {
    for (const [method, path] of [
      ["GET", "/v1/journeys"],
      ["POST", "/v1/journeys"],
      ["PUT", "/v1/customers/c1"],
      ["GET", "/v1/customers/c1"],
    ] as const) {
      const res = await t.call(method, path, { key: t.keys.writeKey, body: { name: "x", attributes: {} } });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("takes the write key or the secret key for ingestion", async () => {
    expect((await t.call("POST", "/v1/events", { key: t.keys.writeKey, body: event })).status).toBe(200);
    expect((await t.call("POST", "/v1/events", { key: t.keys.secretKey, body: event })).status).toBe(200);
  });

  it("accepts HTTP Basic with the key as user name", async () => {
    const res = await t.call("POST", "/v1/events", {
      headers: { authorization: basicAuth(t.keys.writeKey) },
      body: event,
    });
    expect(res.status).toBe(200);
  });

  it("checks the key before reading the body", async () => {
    const res = await t.call("POST", "/v1/events", { key: null, raw: "{not json" });
    expect(res.status).toBe(401);
  });

  it("scopes every call by the key's workspace", async () => {
    const created = await t.call("POST", "/v1/journeys", { body: { name: "Mine" } });
    const other = await t.overture.workspaces.create("Other team");
    const list = await t.call("GET", "/v1/journeys", { key: other.secretKey });
    expect(list.body).toEqual({ journeys: [] });
    const get = await t.call("GET", `/v1/journeys/${created.body.id}`, { key: other.secretKey });
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("not_found");
  });

  it("needs no key for the health check and the OpenAPI document", async () => {
    expect((await t.call("GET", "/health", { key: null })).body).toMatchObject({ ok: true });
    expect((await t.call("GET", "/v1/openapi.json", { key: null })).status).toBe(200);
  });
});
