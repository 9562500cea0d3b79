import { mkdtemp, rm } from "node:fs/promises";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openOverture, VirtualClock } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema } from "@overture/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../src/index.ts";
import { T0 } from "./test-app.ts";

const pgUp = await postgresAvailable();

/** Issue 12, finding 8: `/health` said ok while the database was down. */
describe("health: live, ready, and /health on SQLite", () => {
  it("is ready with its checks, not ready (503, failing checks named) once the database is closed, and still live", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "overture-health-"));
    const clock = new VirtualClock(T0);
    const overture = await openOverture({ dataDir, clock });
    const app = createApp(overture, { health: { maxEngineLagMs: 60_000 }, logger: createLogger({ level: "silent" }) });
    try {
      const ready = await app.request("/health/ready");
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ok: true,
        failing: [],
        checks: { database: { ok: true }, migrations: { ok: true }, engineLag: { ok: true, lagMs: 0, maxMs: 60_000 } },
      });

      // An event waits, the engine does not run: past the bound, the process is behind.
      const { writeKey } = await overture.workspaces.ensureDefault();
      await overture.events.ingest((await overture.workspaces.authenticate(writeKey))!.workspaceId, [
        { name: "x", customerId: "c1" },
      ]);
      clock.advance(61_000);
      const behind = await app.request("/health/ready");
      expect(behind.status).toBe(503);
      expect(await behind.json()).toMatchObject({
        ok: false,
        failing: ["engineLag"],
        checks: { engineLag: { ok: false, lagMs: 61_000 } },
      });
      await overture.engine.runUntilIdle();
      expect((await app.request("/health/ready")).status).toBe(200);

      await overture.store.close();
      const down = await app.request("/health/ready");
      expect(down.status).toBe(503);
      const body = await down.json();
      expect(body).toMatchObject({ ok: false, checks: { database: { ok: false, reason: "unreachable" } } });
      expect(body.failing).toEqual(["database", "migrations", "engineLag"]);
      // /health answers as readiness does: never ok with the database down.
      expect((await app.request("/health")).status).toBe(503);
      expect((await app.request("/health/live")).status).toBe(200);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** A TCP relay on loopback to PostgreSQL: closing it is the database going away, as the API process sees it. */
async function relayTo(
  port: number,
  host = "127.0.0.1",
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  let listenPort = 0;
  const start = async () => {
    server = createServer((client) => {
      const upstream = createConnection(port, host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => {});
        s.on("close", () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
    listenPort = (server.address() as { port: number }).port;
  };
  await start();
  return {
    port: listenPort,
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
    restore: start,
  };
}

describe.skipIf(!pgUp)("health on PostgreSQL", () => {
  let schema: TestSchema;
  afterAll(() => schema?.drop());

  it("turns not ready within the timeout when the database goes away, and ready again when it is back", async () => {
    schema = await createTestSchema();
    const target = new URL(schema.url);
    const relay = await relayTo(Number(target.port || 5432), target.hostname);
    target.port = String(relay.port);
    const overture = await openOverture({ databaseUrl: target.toString(), clock: new VirtualClock(T0) });
    const app = createApp(overture, { health: { timeoutMs: 1_500 }, logger: createLogger({ level: "silent" }) });
    try {
      expect((await app.request("/health/ready")).status).toBe(200);
      await relay.cut();
      const started = performance.now();
      const down = await app.request("/health/ready");
      expect(down.status).toBe(503);
      expect((await down.json()).failing).toContain("database");
      expect(performance.now() - started).toBeLessThan(3_000);
      expect((await app.request("/health")).status).toBe(503);
      expect((await app.request("/health/live")).status).toBe(200);
      await relay.restore();
      expect((await app.request("/health/ready")).status).toBe(200);
    } finally {
      await overture.close();
      await relay.cut().catch(() => {});
    }
  });
});
