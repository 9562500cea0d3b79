import { insertNotification } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp } from "./test-app.ts";

const PORTAL_CALLS: Array<[string, string]> = [
  ["GET", "/v1/portal/slots?slots=dashboard.hero"],
  ["GET", "/v1/portal/notifications"],
  ["POST", "/v1/portal/notifications/n1/read"],
  ["POST", "/v1/portal/notifications/n1/dismiss"],
  ["GET", "/v1/portal/notifications/stream"],
];

describe("customer identity on portal calls", () => {
  let t: TestApp;
  let adaToken: string;
  beforeEach(async () => {
    t = await openTestApp();
    adaToken = (await t.call("GET", "/v1/portal/token?customerId=ada")).body.token;
  });
  afterEach(async () => t.close());

  it("gives a portal backend a stable token per customer, with the secret key only", async () => {
    const again = await t.call("GET", "/v1/portal/token?customerId=ada");
    expect(again.body).toEqual({ customerId: "ada", token: adaToken });
    expect((await t.call("GET", "/v1/portal/token?customerId=bob")).body.token).not.toBe(adaToken);
    expect((await t.call("GET", "/v1/portal/token?customerId=ada", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("GET", "/v1/portal/token")).status).toBe(400);
  });

  it.each(PORTAL_CALLS)("%s %s answers 401 invalid_customer_token without a token or with another customer's", async (method, path) => {
    const missing = await t.call(method, path, { key: t.keys.writeKey });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("invalid_customer_token");
    const stolen = await t.call(method, path, { key: t.keys.writeKey, headers: { "x-customer-id": "bob", "x-customer-token": adaToken } });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error.code).toBe("invalid_customer_token");
    expect((await t.call(method, path, { key: null, headers: { "x-customer-id": "ada", "x-customer-token": adaToken } })).body.error.code).toBe("unauthorized");
  });

  it("keeps each customer to their own inbox", async () => {
    await insertNotification(t.overture.store, t.keys.workspaceId, {
      id: "n1",
      customerId: "bob",
      title: "Hi",
      body: "",
      link: null,
      createdAt: T0,
      expiresAt: null,
    });
    const headers = { "x-customer-id": "ada", "x-customer-token": adaToken };
    expect((await t.call("GET", "/v1/portal/notifications", { key: t.keys.writeKey, headers })).body).toEqual({ notifications: [], unread: 0 });
    expect((await t.call("POST", "/v1/portal/notifications/n1/read", { key: t.keys.writeKey, headers })).status).toBe(404);
  });

  it("answers browsers on other origins (CORS preflight with the customer headers)", async () => {
    const preflight = await t.app.request("/v1/portal/slots?slots=a", {
      method: "OPTIONS",
      headers: {
        origin: "https://portal.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,x-customer-id,x-customer-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-customer-token");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
    const call = await t.call("GET", "/v1/portal/notifications", {
      key: t.keys.writeKey,
      headers: { origin: "https://portal.example", "x-customer-id": "ada", "x-customer-token": adaToken },
    });
    expect(call.headers.get("access-control-allow-origin")).toBe("*");
  });
});
