import { createHmac } from "node:crypto";
import { insertNotification } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp } from "./test-app.ts";

const PORTAL_CALLS: Array<[string, string]> = [
  ["GET", "/v1/portal/slots?slots=dashboard.hero"],
  ["GET", "/v1/portal/notifications"],
  ["POST", "/v1/portal/notifications/n1/read"],
  ["POST", "/v1/portal/notifications/n1/dismiss"],
  ["POST", "/v1/portal/stream-ticket"],
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
    expect(again.body).toEqual({ customerId: "ada", token: adaToken, keyId: 1, expiresAt: T0 + 12 * 3_600_000 });
    expect((await t.call("GET", "/v1/portal/token?customerId=bob")).body.token).not.toBe(adaToken);
    expect((await t.call("GET", "/v1/portal/token?customerId=ada", { key: t.keys.writeKey })).status).toBe(403);
    expect((await t.call("GET", "/v1/portal/token")).status).toBe(400);
  });

  it.each(PORTAL_CALLS)(
    "%s %s answers 401 invalid_customer_token without a token or with another customer's",
    async (method, path) => {
      const missing = await t.call(method, path, { key: t.keys.writeKey });
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe("invalid_customer_token");
      const stolen = await t.call(method, path, {
        key: t.keys.writeKey,
        headers: { "x-customer-id": "bob", "x-customer-token": adaToken },
      });
      expect(stolen.status).toBe(401);
      expect(stolen.body.error.code).toBe("invalid_customer_token");
      expect(
        (await t.call(method, path, { key: null, headers: { "x-customer-id": "ada", "x-customer-token": adaToken } }))
          .body.error.code,
      ).toBe("unauthorized");
    },
  );

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
    expect((await t.call("GET", "/v1/portal/notifications", { key: t.keys.writeKey, headers })).body).toEqual({
      notifications: [],
      unread: 0,
    });
    expect((await t.call("POST", "/v1/portal/notifications/n1/read", { key: t.keys.writeKey, headers })).status).toBe(
      404,
    );
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

// Issue 12, finding 9: tokens never expired and their secret could not rotate.
describe("customer token expiry and identity secret rotation", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(async () => t.close());
  const HOUR = 3_600_000;
  const inbox = (customerId: string, token: string) =>
    t.call("GET", "/v1/portal/notifications", {
      key: t.keys.writeKey,
      headers: { "x-customer-id": customerId, "x-customer-token": token },
    });

  it("refuses a token once it expired (virtual clock), with a message telling to fetch a new one", async () => {
    const { token, expiresAt } = (await t.call("GET", "/v1/portal/token?customerId=ada&ttl=3600")).body;
    expect(expiresAt).toBe(T0 + HOUR);
    expect((await inbox("ada", token)).status).toBe(200);
    t.clock.advance(HOUR);
    const expired = await inbox("ada", token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({
      code: "customer_token_expired",
      problems: [{ path: "headers.x-customer-token" }],
    });
    expect(expired.body.error.message).toContain("GET /v1/portal/token");
  });

  it("refuses a token of the first format (no key id, no expiry) as outdated", async () => {
    const [key] = (await t.call("GET", "/v1/identity-secrets")).body.keys;
    const old = createHmac("sha256", key.secret).update("ada").digest("base64url");
    const refused = await inbox("ada", old);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("customer_token_outdated");
  });

  it("rotates: tokens of the old secret work during the overlap and are refused after it; new tokens use the new key", async () => {
    const before = (await t.call("GET", "/v1/portal/token?customerId=ada&ttl=86400")).body.token;
    const rotated = await t.call("POST", "/v1/identity-secrets/rotate", { body: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.keys).toMatchObject([
      { keyId: 1, state: "retiring", retiresAt: T0 + HOUR, secret: expect.any(String) },
      { keyId: 2, state: "current", retiresAt: null, secret: expect.any(String) },
    ]);
    const after = (await t.call("GET", "/v1/portal/token?customerId=ada&ttl=86400")).body;
    expect(after.keyId).toBe(2);
    expect((await inbox("ada", before)).status).toBe(200);
    t.clock.advance(HOUR);
    expect((await inbox("ada", before)).body.error.code).toBe("customer_token_expired");
    expect((await inbox("ada", after.token)).status).toBe(200);
    expect((await t.call("GET", "/v1/identity-secrets")).body.keys[0]).toEqual({
      keyId: 1,
      state: "retired",
      createdAt: T0,
      retiresAt: T0 + HOUR,
    });
    expect((await t.call("POST", "/v1/identity-secrets/rotate", { key: t.keys.writeKey, body: {} })).status).toBe(403);
  });
});
