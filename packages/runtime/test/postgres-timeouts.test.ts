import { createServer, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { postgresTarget } from "./postgres-target.ts";

const target = await postgresTarget();

/** Issue 12, finding 8: the pool had no connection or statement timeout, so a stuck database hung every caller. */
describe.skipIf(!target.available)("PostgreSQL pool timeouts", () => {
  afterAll(() => target.dropAll());

  it("fails a statement over the statement timeout with PostgreSQL's reason, instead of hanging", async () => {
    const store = new PostgresStore(await target.schemaUrl(), { poolSize: 1, timeouts: { statementMs: 200 } });
    try {
      const started = performance.now();
      await expect(store.sql.all("SELECT pg_sleep(30)")).rejects.toThrow(
        /canceling statement due to statement timeout/,
      );
      expect(performance.now() - started).toBeLessThan(10_000);
      // The connection is usable afterwards.
      expect(await store.sql.all("SELECT 1 AS n")).toEqual([{ n: 1 }]);
    } finally {
      await store.close();
    }
  });

  it("still migrates under a short statement timeout (migrations lift it for their transaction)", async () => {
    const store = new PostgresStore(await target.schemaUrl(), { poolSize: 1, timeouts: { statementMs: 200 } });
    try {
      expect((await store.migrate()).applied.length).toBeGreaterThan(0);
      expect(await store.ops.pendingMigrations()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("sets every timeout on its connections, with defaults when none is given", async () => {
    const store = new PostgresStore(await target.schemaUrl(), {
      poolSize: 1,
      timeouts: { idleInTransactionMs: 1_500 },
    });
    try {
      const [row] = await store.sql.all<Record<string, string>>(
        "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle",
      );
      expect(row).toEqual({ statement: "30s", idle: "1500ms" });
    } finally {
      await store.close();
    }
  });

  it("gives up connecting to a server that accepts but never answers, after the connection timeout", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const store = new PostgresStore(`postgres://postgres@127.0.0.1:${port}/test`, {
      poolSize: 1,
      timeouts: { connectMs: 200 },
    });
    try {
      const started = performance.now();
      await expect(store.ops.pendingMigrations()).rejects.toThrow(/timeout/i);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
