import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres/migrations.ts";
import { PARTITION_LOCK_KEY, PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { postgresTarget } from "./postgres-target.ts";
import { runStoreContract } from "./store-contract.ts";
import { customersIn, instance, outboxRow, T0, WS, wakeUp, writeBatch } from "./store-contract-fixtures.ts";
import { runStoreOpsContract } from "./store-ops-contract.ts";
import { runStoreOutboxReadsContract } from "./store-outbox-reads-contract.ts";

const target = await postgresTarget();

/** Backends holding (or waiting for) a partition's lock in the current schema: other test files use the same database. */
function partitionLockSql(partition: number, granted: boolean): string {
  return `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND classid::bigint = (${PARTITION_LOCK_KEY})::bigint & 4294967295 AND objid = ${partition} AND objsubid = 2 AND granted = ${granted}`;
}

/** A promise and the function that resolves it: lets a test hold a transaction open exactly as long as it needs. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe.skipIf(!target.available)("PostgreSQL store", () => {
  afterAll(() => target.dropAll());

  const openPostgres = async () => {
    const store = new PostgresStore(await target.schemaUrl(), { poolSize: 4 });
    return {
      store,
      cleanup: () => store.close(),
      select: async (sql: string) => (await store.pool.query(sql)).rows,
    };
  };
  runStoreContract("postgres", openPostgres);
  runStoreOpsContract("postgres", openPostgres);
  runStoreOutboxReadsContract("postgres", openPostgres);

  describe("with several workers at once", () => {
    let url: string;
    let stores: PostgresStore[];
    /** Another worker process: a store with its own pool on the same schema. */
    const open = (at = url) => {
      const store = new PostgresStore(at, { poolSize: 4 });
      stores.push(store);
      return store;
    };
    beforeEach(async () => {
      stores = [];
      url = await target.schemaUrl();
      await open().migrate();
      await stores[0]!.insertWorkspace({ id: WS, name: "Workspace", createdAt: T0 });
    });
    afterEach(async () => {
      for (const s of stores) await s.close();
    });

    it("migrates once when several workers start together", async () => {
      const fresh = await target.schemaUrl();
      const results = await Promise.all([open(fresh).migrate(), open(fresh).migrate(), open(fresh).migrate()]);
      // Every migration applied exactly once across the three, in order.
      expect(results.flatMap((r) => r.applied)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.id));
    });

    it("lets one worker at a time hold a partition, and frees it at commit", async () => {
      const [a, b] = [open(), open()];
      const held = gate();
      const inside = gate();
      const first = a.withPartition(3, async () => {
        inside.open();
        await held.opened;
        return "first";
      });
      await inside.opened;
      expect(await b.withPartition(3, async () => "second")).toBeUndefined();
      expect(await a.withPartition(3, async () => "same process")).toBeUndefined();
      expect(await b.withPartition(4, async () => "other partition")).toBe("other partition");
      // Another schema is another Overture database: its partitions are its own.
      expect(await open(await target.schemaUrl()).withPartition(3, async () => "other schema")).toBe("other schema");
      held.open();
      expect(await first).toBe("first");
      expect(await b.withPartition(3, async () => "after")).toBe("after");
    });

    it("lets batches on disjoint partitions count the same steps at once: neither waits for the other's commit", async () => {
      const [a, b] = [open(), open()];
      const [c7] = customersIn(7, 1);
      const [c8] = customersIn(8, 1);
      const [i7, i8] = [instance(c7!), instance(c8!)];
      const held = gate();
      const inside = gate();
      // Both batches count the same (journey, step, outcome, hour): one counter row, were it not for the shards.
      const first = a.withPartition(7, async (tx) => {
        await tx.write({
          instances: [],
          history: [wakeUp(i7, T0, ["purchase", "next"])],
          outbox: [],
          profileUpdates: [],
          processedEvents: [],
        });
        inside.open();
        await held.opened;
      });
      await inside.opened;
      const second = b.withPartition(8, (tx) =>
        tx.write({
          instances: [],
          history: [wakeUp(i8, T0, ["purchase", "next"])],
          outbox: [],
          profileUpdates: [],
          processedEvents: [],
        }),
      );
      const finished = await Promise.race([
        second.then(() => "committed"),
        new Promise((resolve) => setTimeout(() => resolve("still waiting"), 3_000)),
      ]);
      held.open();
      await first;
      await second;
      expect(finished).toBe("committed");
      const purchase = (await a.stepCounts(WS, i7.journeyId)).steps.find((s) => s.stepId === "purchase");
      expect(purchase?.outcomes).toEqual({ next: 2 });
    });

    it("frees a partition when its worker's connection dies mid-batch, keeping none of its writes", async () => {
      const [worker, other] = [open(), open()];
      const [c] = customersIn(5, 1);
      const held = gate();
      const inside = gate();
      const crashed = worker.withPartition(5, async (tx) => {
        await tx.write({
          instances: [{ workspaceId: WS, instance: instance(c!) }],
          history: [],
          outbox: [],
          profileUpdates: [],
          processedEvents: [],
        });
        inside.open();
        await held.opened;
        return "never";
      });
      await inside.opened;
      expect(await other.withPartition(5, async () => "busy")).toBeUndefined();
      const killer = new pg.Client({ connectionString: url });
      await killer.connect();
      const { rowCount } = await killer.query(
        `SELECT pg_terminate_backend(pid) FROM (${partitionLockSql(5, true)}) AS holder`,
      );
      expect(rowCount).toBe(1);
      await killer.end();
      held.open();
      await expect(crashed).rejects.toThrow();
      expect(await other.withPartition(5, async () => "taken over")).toBe("taken over");
      expect(await other.getInstance(WS, instance(c!).id)).toBeNull();
      // The pool dropped the dead connection and goes on working.
      expect(await worker.withPartition(5, async () => "recovered")).toBe("recovered");
    });

    it("archives only between batches: exitAll waits for a partition's batch and sees its writes", async () => {
      const [worker, api] = [open(), open()];
      const [c] = customersIn(6, 1);
      const held = gate();
      const inside = gate();
      const batch = worker.withPartition(6, async (tx) => {
        inside.open();
        await held.opened;
        await tx.write({
          instances: [{ workspaceId: WS, instance: instance(c!) }],
          history: [],
          outbox: [],
          profileUpdates: [],
          processedEvents: [],
        });
      });
      await inside.opened;
      const exited = api.exitAll(WS, "j1", "journey archived", T0 + 5);
      const waiting = async () => (await api.pool.query(partitionLockSql(6, false))).rowCount === 1;
      while (!(await waiting())) {
        // exitAll has not queued on the partition lock yet: ask again.
      }
      held.open();
      await batch;
      expect(await exited).toBe(1);
      expect((await api.getInstance(WS, instance(c!).id))?.status).toBe("exited");
    });

    it("never hands the same outbox row to two dispatchers", async () => {
      const [c] = customersIn(7, 1);
      const i = instance(c!);
      const rows = Array.from({ length: 600 }, (_, n) => outboxRow(i, `s${n}`, { nextAttemptAt: T0 + (n % 7) }));
      await writeBatch(stores[0]!, 7, { outbox: rows });
      const dispatchers = [open(), open(), open(), open()];
      // Connected before the race: otherwise the first pool to connect can claim every row before the others start.
      await Promise.all(dispatchers.map((d) => d.pool.query("SELECT 1")));
      const claimed: number[][] = dispatchers.map(() => []);
      await Promise.all(
        dispatchers.map(async (d, k) => {
          for (;;) {
            const got = await d.claimOutbox(T0 + 100, 25, 60_000);
            if (got.length === 0) return;
            claimed[k]!.push(...got.map((r) => r.seq));
          }
        }),
      );
      const all = claimed.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all).toHaveLength(600);
      expect(claimed.filter((list) => list.length > 0).length).toBeGreaterThan(1);
    });

    it("keeps a statement with parameters prepared on its connection, and still runs a script of several statements", async () => {
      const store = stores[0]!;
      const prepared = await store.sql.transaction(async (tx) => {
        // One connection throughout: the statement is prepared on it by the first call and reused by the second.
        expect(await tx.all<{ n: number }>("SELECT ?::int + 1 AS n", [41])).toEqual([{ n: 42 }]);
        expect(await tx.all<{ n: number }>("SELECT ?::int + 1 AS n", [1])).toEqual([{ n: 2 }]);
        return tx.all<{ statement: string }>(
          "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'overture_sql_%'",
        );
      });
      expect(prepared.map((r) => r.statement)).toContain("SELECT $1::int + 1 AS n");
      await store.sql.run("CREATE TEMP TABLE script_a (n int); CREATE TEMP TABLE script_b (n int)");
    });

    it("still answers a prepared SELECT * after another process adds a column to its table (a rolling upgrade)", async () => {
      // One connection, so the second read finds the statement the first one prepared.
      const single = new PostgresStore(url, { poolSize: 1 });
      stores.push(single);
      await single.sql.run("CREATE TABLE reshaped (n int)");
      await single.sql.run("INSERT INTO reshaped (n) VALUES (?)", [1]);
      const read = () => single.sql.all("SELECT * FROM reshaped WHERE n = ?", [1]);
      expect(await read()).toEqual([{ n: 1 }]);
      // Another worker's migration, while that connection holds the statement prepared.
      await open().sql.run("ALTER TABLE reshaped ADD COLUMN m int DEFAULT 7");
      expect(await read()).toEqual([{ n: 1, m: 7 }]);
      expect(await read()).toEqual([{ n: 1, m: 7 }]);
    });

    it("reads bigint as numbers on its own pool only", async () => {
      const store = stores[0]!;
      expect((await store.pool.query("SELECT 9007199254740991::bigint AS n")).rows[0].n).toBe(Number.MAX_SAFE_INTEGER);
      const plain = new pg.Client({ connectionString: url });
      await plain.connect();
      expect((await plain.query("SELECT 1::bigint AS n")).rows[0].n).toBe("1");
      await plain.end();
    });
  });
});
