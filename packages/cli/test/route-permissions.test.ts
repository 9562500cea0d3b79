import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROUTE_PERMISSIONS } from "@overture/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

type Doc = { paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };

/**
 * Issue 13: one table decides every route's permission. Every route `npm start` serves (demo, mailbox, every channel
 * module) must have its entry, and the table must name no route that is gone.
 */
describe("the route permission table", () => {
  let running: RunningServe;
  let dataDir: string;
  let operations: Array<{ route: string; operationId: string; security: unknown[] }>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-route-permissions-"));
    vi.stubEnv("SMTP_URL", "");
    running = await startServe({ port: 0, host: "127.0.0.1", demo: true, dataDir });
    const doc = (await (await fetch(`${running.url}/v1/openapi.json`)).json()) as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operationId: op.operationId,
        security: op.security ?? [],
      })),
    );
  });
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("has an entry for every served route, and none for a route not served", () => {
    expect(operations.length).toBeGreaterThan(90);
    const missing = operations.filter((op) => !(op.operationId in ROUTE_PERMISSIONS)).map((op) => op.route);
    expect(missing).toEqual([]);
    const served = new Set(operations.map((op) => op.operationId));
    expect(Object.keys(ROUTE_PERMISSIONS).filter((id) => !served.has(id))).toEqual([]);
  });

  it("makes public exactly the routes documented without a key", () => {
    const mismatched = operations
      .filter((op) => (ROUTE_PERMISSIONS[op.operationId] === "public") !== (op.security.length === 0))
      .map((op) => `${op.route} (${ROUTE_PERMISSIONS[op.operationId]})`);
    // The stream authenticates with its own ticket, inbound SMS with the provider's signature: public to the router,
    // documented with their own scheme.
    expect(mismatched.sort()).toEqual(["GET /v1/portal/notifications/stream (public)"]);
  });
});
