import { instanceIdOf, type Overture, SqliteStore } from "@overture/runtime";
import pg from "pg";
import { randomPermutation } from "./permutation.ts";
import { Progress } from "./progress.ts";
import type { StoreTarget } from "./stores.ts";
import { customerIdOf, JOURNEY_ID } from "./workload.ts";

/** One naive step: update one instance row, insert one outbox row. */
type RawStep = { instanceId: string; customerId: string; key: string; wakeAt: number };

/** The bare writes on one store, against copies of its real tables (same columns, keys and indexes). */
type RawDriver = {
  /** Writes the steps in one transaction, one statement per write; resolves with the milliseconds it took. */
  batch(steps: RawStep[]): Promise<number>;
  drop(): Promise<void>;
};

/** The plan: which workspace, how many customers (the instances the run created), how many steps, per transaction. */
export type RawPlan = {
  workspaceId: string;
  customers: number;
  steps: number;
  batchSize: number;
  seed: number;
  label: string;
};

/**
 * The physical reference for the engine's rate: the rate of the bare writes one step needs if done naively (update one
 * instance row, insert one outbox row, one statement each), customers taken in a random order, `batchSize` steps per
 * transaction. Only the transactions are timed. Runs on copies of the instances (filled with the run's rows) and outbox
 * (empty, as the engine's was) tables, dropped afterwards.
 */
export async function measureRawWrites(
  overture: Overture,
  target: StoreTarget,
  plan: RawPlan,
): Promise<{ steps: number; seconds: number }> {
  const driver =
    overture.store instanceof SqliteStore ? sqliteDriver(overture.store, plan) : await postgresDriver(target, plan);
  const progress = new Progress(`${plan.label} raw`, "steps");
  const orders: Array<(i: number) => number> = [];
  let ms = 0;
  try {
    for (let done = 0; done < plan.steps; ) {
      const size = Math.min(plan.batchSize, plan.steps - done);
      const steps: RawStep[] = [];
      for (let k = 0; k < size; k++) {
        const i = done + k;
        const round = Math.floor(i / plan.customers);
        orders[round] ??= randomPermutation(plan.customers, plan.seed + round);
        const customerId = customerIdOf(plan.customers, orders[round](i % plan.customers));
        const instanceId = instanceIdOf(JOURNEY_ID, customerId, 1);
        steps.push({ instanceId, customerId, key: `${instanceId}:raw:${i}`, wakeAt: i });
      }
      ms += await driver.batch(steps);
      done += size;
      progress.update(
        done / plan.steps,
        done,
        `${Math.round(done / (ms / 1000)).toLocaleString("en-US")} steps/s in transactions`,
      );
    }
    progress.done(plan.steps);
  } finally {
    await driver.drop();
  }
  return { steps: plan.steps, seconds: ms / 1000 };
}

const OUTBOX_COLUMNS =
  "workspace_id, key, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, next_attempt_at, created_at";

function sqliteDriver(store: SqliteStore, plan: RawPlan): RawDriver {
  const { db } = store;
  // The copies get the real tables' definitions, indexes included, under other names.
  const ddl = db
    .prepare(
      "SELECT type, sql FROM sqlite_master WHERE tbl_name IN ('instances', 'outbox') AND sql IS NOT NULL ORDER BY type = 'index', rowid",
    )
    .all() as Array<{ type: string; sql: string }>;
  db.transaction(() => {
    for (const { sql } of ddl)
      db.exec(
        sql
          .replace(/^CREATE (UNIQUE )?INDEX (\w+)/, "CREATE $1INDEX raw_$2")
          .replace(/\b(instances|outbox)\b/g, "raw_$1"),
      );
    db.exec("INSERT INTO raw_instances SELECT * FROM instances");
  })();
  const sample = sampleRows(
    db.prepare("SELECT state FROM instances LIMIT 1").pluck().get(),
    db.prepare("SELECT payload FROM outbox LIMIT 1").pluck().get(),
  );
  // The outbox is keyed by the instance's integer id here (migration 0003): the naive update returns it.
  const update = db
    .prepare(
      "UPDATE raw_instances SET status = 'waiting', step_id = 'raw-step', state = ?, wait_until = ?, wake_at = ?, updated_at = ? WHERE workspace_id = ? AND id = ? RETURNING iid",
    )
    .pluck();
  const insert = db.prepare(
    `INSERT INTO raw_outbox (instance_iid, ${OUTBOX_COLUMNS}) VALUES (?, ?, ?, ?, ?, 1, 'raw-step', ?, 'email', ?, 'pending', ?, ?)`,
  );
  return {
    async batch(steps) {
      const began = performance.now();
      db.exec("BEGIN IMMEDIATE");
      for (const s of steps) {
        const iid = update.get(sample.state, s.wakeAt, s.wakeAt, s.wakeAt, plan.workspaceId, s.instanceId);
        if (iid === undefined) {
          db.exec("ROLLBACK");
          throw new Error(`raw writes: no instance ${s.instanceId}`);
        }
        insert.run(
          iid,
          plan.workspaceId,
          s.key,
          s.instanceId,
          JOURNEY_ID,
          s.customerId,
          sample.payload,
          s.wakeAt,
          s.wakeAt,
        );
      }
      db.exec("COMMIT");
      return performance.now() - began;
    },
    async drop() {
      db.exec("DROP TABLE raw_instances; DROP TABLE raw_outbox");
    },
  };
}

async function postgresDriver(target: StoreTarget, plan: RawPlan): Promise<RawDriver> {
  if (target.store !== "postgres") throw new Error("postgresDriver needs a PostgreSQL target");
  const client = new pg.Client({ connectionString: target.databaseUrl });
  client.on("error", () => {});
  await client.connect();
  await client.query(`CREATE TABLE raw_instances (LIKE instances INCLUDING ALL);
    INSERT INTO raw_instances SELECT * FROM instances;
    ANALYZE raw_instances;
    CREATE TABLE raw_outbox (LIKE outbox INCLUDING ALL)`);
  const state = (await client.query("SELECT state::text AS v FROM instances LIMIT 1")).rows[0]?.v;
  const payload = (await client.query("SELECT payload::text AS v FROM outbox LIMIT 1")).rows[0]?.v;
  const sample = sampleRows(state, payload);
  const update =
    "UPDATE raw_instances SET status = 'waiting', step_id = 'raw-step', state = $1::jsonb, wait_until = $2, wake_at = $3, updated_at = $4 WHERE workspace_id = $5 AND id = $6";
  const insert = `INSERT INTO raw_outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, 1, 'raw-step', $5, 'email', $6::jsonb, 'pending', $7, $8)`;
  return {
    async batch(steps) {
      const began = performance.now();
      await client.query("BEGIN");
      try {
        for (const s of steps) {
          const r = await client.query({
            name: "raw_update",
            text: update,
            values: [sample.state, s.wakeAt, s.wakeAt, s.wakeAt, plan.workspaceId, s.instanceId],
          });
          if (r.rowCount !== 1) throw new Error(`raw writes: no instance ${s.instanceId}`);
          await client.query({
            name: "raw_insert",
            text: insert,
            values: [
              plan.workspaceId,
              s.key,
              s.instanceId,
              JOURNEY_ID,
              s.customerId,
              sample.payload,
              s.wakeAt,
              s.wakeAt,
            ],
          });
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
      return performance.now() - began;
    },
    async drop() {
      await client.query("DROP TABLE raw_instances; DROP TABLE raw_outbox");
      await client.end();
    },
  };
}

/** A real instance state and outbox payload of the run, so the raw rows are as large as the engine's. */
function sampleRows(state: unknown, payload: unknown): { state: string; payload: string } {
  if (typeof state !== "string" || typeof payload !== "string")
    throw new Error("raw writes: the run left no instance or no outbox row to copy");
  return { state, payload };
}
