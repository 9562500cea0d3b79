import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, openStore } from "@overture/runtime";
import { createAuditLog } from "@overture/team";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditRoute, clientAddress } from "../src/access/audit-route.ts";
import { createApp } from "../src/create-app.ts";
import { createLogger } from "../src/logger.ts";
import { defineRoute } from "../src/route.ts";
import { openTestApp, T0, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

/** Issue 13, "Audit log": the router records every change and the sensitive reads; GET /v1/audit reads them. */
describe("the audit log over HTTP", () => {
  let t: TestApp;
  let app: Hono;
  beforeEach(async () => {
    t = await openTestApp();
    app = createApp({ ...t.overture, audit: createAuditLog(t.overture.store) });
  });
  afterEach(() => t.close());

  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
  const call = async (method: string, path: string, body?: unknown, key = t.keys.secretKey): Promise<any> => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "user-agent": "audit-test" };
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it("records a draft saved with its diff, by the key that saved it; reads are not recorded", async () => {
    const created = await call("POST", "/v1/journeys", { name: "Welcome", document: WELCOME_JOURNEY });
    const id = created.body.id as string;
    await call("GET", "/v1/journeys");
    const saved = await call("PUT", `/v1/journeys/${id}/draft`, { ...WELCOME_JOURNEY, name: "Welcome v2" });
    expect(saved.status).toBe(200);
    const page = await call("GET", "/v1/audit");
    expect(page.body.entries.map((e: { action: string }) => e.action)).toEqual([
      "journey.draft_saved",
      "journey.created",
    ]);
    const [entry] = page.body.entries;
    expect(entry).toMatchObject({
      actor: { kind: "key", name: "Secret key" },
      object: { type: "journey", id },
      outcome: "success",
      status: 200,
      operationId: "updateDraft",
      userAgent: "audit-test",
      at: T0,
    });
    expect(entry.diff).toEqual([
      { type: "CHANGE", path: ["name"], oldValue: WELCOME_JOURNEY.name, value: "Welcome v2" },
    ]);
  });

  it("records a key created without the key, and names the created key as the object", async () => {
    const created = await call("POST", "/v1/keys", { name: "Ops", scopes: ["read"] });
    const page = await call("GET", "/v1/audit?kind=key.created");
    expect(page.body.entries).toHaveLength(1);
    expect(page.body.entries[0].object).toEqual({ type: "key", id: created.body.id });
    expect(JSON.stringify(page.body)).not.toContain(created.body.key);
  });

  it("leaves secrets out of bodies and diffs, and records the read of a signing secret", async () => {
    const secret = "whsec_a_very_secret_value_123456";
    const put = await call("PUT", "/v1/webhook-endpoints/crm", { url: "https://crm.example/hook", secret });
    expect(put.status).toBe(200);
    await call("GET", "/v1/webhook-signing-secret");
    const page = await call("GET", "/v1/audit");
    expect(page.body.entries.map((e: { action: string }) => e.action)).toEqual(["secret.read", "endpoint.saved"]);
    expect(JSON.stringify(page.body)).not.toContain(secret);
    expect(page.body.entries[1].detail).toEqual({ url: "https://crm.example/hook", secret: "[redacted]" });
  });

  it("refuses the audit log to a key without audit.read, and sets its retention", async () => {
    const reader = await call("POST", "/v1/keys", { name: "Reader", scopes: ["read"] });
    expect((await call("GET", "/v1/audit", undefined, reader.body.key)).status).toBe(403);
    expect((await call("GET", "/v1/audit/settings")).body).toEqual({ retentionDays: 365 });
    expect((await call("PUT", "/v1/audit/settings", { retentionDays: 90 })).body).toEqual({ retentionDays: 90 });
    expect((await call("GET", "/v1/audit?kind=settings.audit_saved")).body.entries).toHaveLength(1);
  });

  it("pages newest first with a cursor", async () => {
    for (const name of ["a", "b", "c"]) await call("POST", "/v1/keys", { name, scopes: ["read"] });
    const first = await call("GET", "/v1/audit?limit=2");
    expect(first.body.entries.map((e: { detail: { name: string } }) => e.detail.name)).toEqual(["c", "b"]);
    const second = await call("GET", `/v1/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.entries.map((e: { detail: { name: string } }) => e.detail.name)).toEqual(["a"]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe("the audit recorder", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(() => t.close());

  it("records a failed sign-in (401 of signIn) with the email tried", async () => {
    const audit = createAuditLog(t.overture.store);
    // A sign-in route as H1's sets the audit subject before refusing (the router's recorder is what is tested).
    const signIn = defineRoute({
      method: "post",
      path: "/v1/session",
      operationId: "signIn",
      summary: "sign in",
      tag: "Session",
      auth: "none",
      success: { status: 200, description: "signed in" },
      handle: async () => ({}),
    });
    const hono = new Hono();
    hono.post("/v1/session", (c) =>
      auditRoute(
        { ...t.overture, audit },
        signIn,
        "public",
        c,
        async () => {
          c.set("auditSubject" as never, { email: "mallory@example.com" } as never);
          throw new InputError("unauthorized", "wrong email or password");
        },
        createLogger({ level: "silent" }),
      ),
    );
    hono.onError((_error, c) => c.json({}, 401));
    const res = await hono.request("/v1/session", { method: "POST", body: "{}", headers: { "user-agent": "curl" } });
    expect(res.status).toBe(401);
    const { entries } = await audit.list("default", { limit: 5 });
    expect(entries).toMatchObject([
      {
        action: "session.sign_in_failed",
        actor: { kind: "user", id: "", name: "mallory@example.com" },
        outcome: "failure",
        status: 401,
        userAgent: "curl",
      },
    ]);
  });

  it("never fails the request when the entry cannot be written: it logs the error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "overture-audit-closed-"));
    const closed = await openStore({ dataDir: dir, durability: "normal" });
    await closed.close();
    const lines: string[] = [];
    const logger = createLogger({ level: "error", format: "json", destination: { write: (l) => lines.push(l) } });
    const app = createApp({ ...t.overture, audit: createAuditLog(closed) }, { logger });
    const res = await app.request("/v1/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${t.keys.secretKey}` },
      body: JSON.stringify({ name: "Still works", scopes: ["read"] }),
    });
    expect(res.status).toBe(201);
    expect(lines.some((l) => l.includes("audit entry not written") && l.includes("createKey"))).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it("trusts X-Forwarded-For only with OVERTURE_TRUST_PROXY=1", async () => {
    const hono = new Hono();
    hono.get("/", (c) => c.text(clientAddress(c)));
    const headers = { "x-forwarded-for": "203.0.113.7, 10.0.0.1" };
    const before = process.env.OVERTURE_TRUST_PROXY;
    try {
      delete process.env.OVERTURE_TRUST_PROXY;
      expect(await (await hono.request("/", { headers })).text()).toBe("");
      process.env.OVERTURE_TRUST_PROXY = "1";
      expect(await (await hono.request("/", { headers })).text()).toBe("203.0.113.7");
    } finally {
      if (before === undefined) delete process.env.OVERTURE_TRUST_PROXY;
      else process.env.OVERTURE_TRUST_PROXY = before;
    }
  });
});
