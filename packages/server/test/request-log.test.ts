import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../src/index.ts";
import { T0 } from "./test-app.ts";

/** Issue 12, "Observability": one structured line per request, request ids, no secrets, 500s with their stack. */
describe("request log", () => {
  let dataDir: string;
  let overture: Overture;
  let keys: WorkspaceKeys;
  let lines: string[];
  let app: ReturnType<typeof createApp>;
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-request-log-"));
    overture = await openOverture({ dataDir, clock: new VirtualClock(T0) });
    keys = await overture.workspaces.ensureDefault();
    lines = [];
    const logger = createLogger({ level: "info", format: "json", destination: { write: (line) => lines.push(line) } });
    app = createApp(overture, { logger });
  });
  afterEach(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("logs method, route pattern, status, duration and workspace, and never a key, token or cookie", async () => {
    const response = await app.request("/v1/journeys/missing?token=ct_secret_in_query", {
      headers: {
        authorization: `Bearer ${keys.secretKey}`,
        cookie: "session=cookie_value",
        "x-customer-token": "ct_header_value",
      },
    });
    expect(response.status).toBe(404);
    const [line] = logged();
    expect(line).toMatchObject({
      level: 30,
      method: "GET",
      route: "/v1/journeys/:id",
      status: 404,
      workspaceId: keys.workspaceId,
    });
    expect(typeof line?.ms).toBe("number");
    expect(line?.reqId).toBe(response.headers.get("x-request-id"));
    const all = lines.join("\n");
    for (const secret of [keys.secretKey, keys.writeKey, "ct_secret_in_query", "cookie_value", "ct_header_value"])
      expect(all).not.toContain(secret);
  });

  it("keeps a sane incoming X-Request-Id and replaces anything else", async () => {
    const kept = await app.request("/health/live", { headers: { "x-request-id": "edge-7f3a.42" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-7f3a.42");
    const replaced = await app.request("/health/live", { headers: { "x-request-id": `<script>${"x".repeat(200)}` } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged().map((l) => l.reqId)).toEqual(["edge-7f3a.42", replaced.headers.get("x-request-id")]);
    expect((await app.request("/nowhere/at/all")).status).toBe(404);
    expect(logged()[2]).toMatchObject({ route: "(unmatched)", status: 404 });
  });

  it("logs an unexpected error (500) with its stack, under the request's id", async () => {
    await overture.store.close();
    const response = await app.request("/v1/journeys", {
      headers: { authorization: `Bearer ${keys.secretKey}`, "x-request-id": "req-500" },
    });
    expect(response.status).toBe(500);
    const line = logged().find((l) => l.status === 500);
    expect(line).toMatchObject({
      level: 50,
      reqId: "req-500",
      route: "/v1/journeys",
      err: { message: "The database connection is not open" },
    });
    expect(String((line?.err as { stack?: string } | undefined)?.stack)).toContain("at ");
  });
});
