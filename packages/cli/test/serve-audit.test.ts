import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

/**
 * Issue 13: `overture serve` wires the keys and the audit log. Over a real socket, the entries carry the client's
 * address; a revoked key is refused.
 */
describe("serve: keys and the audit log", () => {
  let running: RunningServe;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-serve-audit-"));
    vi.stubEnv("SMTP_URL", "");
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false });
  });
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown, key = running.keys.secretKey) => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "user-agent": "serve-audit-test" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies
    return { status: res.status, body: (await res.json()) as any };
  };

  it("records key changes with the socket's address, and refuses the revoked key", async () => {
    const created = await call("POST", "/v1/keys", { name: "Ops", scopes: ["read"] });
    expect(created.status).toBe(201);
    expect((await call("GET", "/v1/journeys", undefined, created.body.key)).status).toBe(200);
    expect((await call("DELETE", `/v1/keys/${created.body.id}`)).status).toBe(200);
    expect((await call("GET", "/v1/journeys", undefined, created.body.key)).status).toBe(401);
    const page = await call("GET", "/v1/audit?objectType=key");
    expect(page.body.entries.map((e: { action: string }) => e.action)).toEqual(["key.revoked", "key.created"]);
    expect(page.body.entries[0]).toMatchObject({
      object: { type: "key", id: created.body.id },
      actor: { kind: "key", name: "Secret key" },
      userAgent: "serve-audit-test",
    });
    expect(page.body.entries[0].ip).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
  });
});
