import { afterAll, describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres/migrations.ts";
import { PostgresStore } from "../src/store/postgres/postgres-store.ts";
import { SQLITE_MIGRATIONS } from "../src/store/sqlite/migrations.ts";
import { SqliteStore } from "../src/store/sqlite/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { postgresTarget } from "./postgres-target.ts";

/**
 * Migration 0003 re-keys the history and the outbox by instance (SQLite: an integer id per instance; PostgreSQL:
 * the outbox by customer found through the key), and SQLite 0005 / PostgreSQL 0006 fold the history into one row per
 * wake-up: a file or database written before them must keep every customer's history, in order, its conversions, and
 * still answer "the outbox of this customer".
 */
const target = await postgresTarget();

const LEGACY = [
  "INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'W', 1)",
  "INSERT INTO api_keys (key_hash, workspace_id, kind, created_at) VALUES ('5ecre7000000000000hash', 'w', 'secret', 1)",
  "INSERT INTO api_keys (key_hash, workspace_id, kind, created_at) VALUES ('wr17e0000000000000hash', 'w', 'write', 1)",
  "INSERT INTO journeys (workspace_id, id, name, status, draft, current_version, created_at, updated_at) VALUES ('w', 'old', 'Old', 'draft', '{}', NULL, 1, 1)",
  "INSERT INTO instances (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at) VALUES ('w', 'j:c1:1', 'j', 1, 'c1', 1, 'completed', 'done', '{\"waiting\":null,\"seq\":3,\"converted\":false,\"exitReason\":null,\"context\":{}}', NULL, NULL, 0, 10, 30)",
  "INSERT INTO instances (workspace_id, id, journey_id, version, customer_id, entry, status, step_id, state, wait_until, wake_at, partition, entered_at, updated_at) VALUES ('w', 'j:c2:1', 'j', 1, 'c2', 1, 'waiting', 'wait', '{\"waiting\":null,\"seq\":1,\"converted\":false,\"exitReason\":null,\"context\":{}}', NULL, NULL, 0, 10, 10)",
  "INSERT INTO step_transitions (workspace_id, instance_id, journey_id, version, customer_id, step_id, kind, outcome, reason, at) VALUES ('w', 'j:c1:1', 'j', 1, 'c1', 'start', 'step', 'next', 'purchase.completed', 10)",
  "INSERT INTO step_transitions (workspace_id, instance_id, journey_id, version, customer_id, step_id, kind, outcome, reason, at) VALUES ('w', 'j:c2:1', 'j', 1, 'c2', 'start', 'step', 'next', 'it''s \"quoted\"', 10)",
  "INSERT INTO step_transitions (workspace_id, instance_id, journey_id, version, customer_id, step_id, kind, outcome, reason, at) VALUES ('w', 'j:c1:1', 'j', 1, 'c1', 'done', 'goal', 'bought', 'reached goal step done', 30)",
  "INSERT INTO step_transitions (workspace_id, instance_id, journey_id, version, customer_id, step_id, kind, outcome, reason, at) VALUES ('w', 'j:c1:1', 'j', 1, 'c1', 'done', 'complete', 'completed', 'end', 30)",
  "INSERT INTO outbox (workspace_id, key, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, next_attempt_at, created_at) VALUES ('w', 'j:c1:1:mail:0', 'j:c1:1', 'j', 1, 'mail', 'c1', 'email', '{}', 'pending', 10, 10)",
  "INSERT INTO outbox (workspace_id, key, instance_id, journey_id, version, step_id, customer_id, channel, payload, status, next_attempt_at, created_at) VALUES ('w', 'j:c2:1:mail:0', 'j:c2:1', 'j', 1, 'mail', 'c2', 'email', '{}', 'pending', 10, 10)",
  "INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition, processed) VALUES ('w', 'e1', 'c1', 'portal.login', '{}', 20, 20, 3, true)",
  "INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition, processed) VALUES ('w', 'e2', 'c2', 'portal.login', '{}', 25, 25, 5, false)",
];

async function expectHistoryKept(store: Store, applied: string[]): Promise<void> {
  expect((await store.migrate()).applied).toEqual(applied);
  // 0010 (SQLite) / 0012 (PostgreSQL): the two keys of before become a manage key and an ingest key (issue 13).
  const keys = await store.sql.all<{ id: string; name: string; scopes: unknown }>(
    "SELECT id, name, scopes FROM api_keys ORDER BY id",
  );
  expect(keys.map((k) => [k.id, k.name, typeof k.scopes === "string" ? JSON.parse(k.scopes) : k.scopes])).toEqual([
    ["5ecre70000000000", "Secret key", ["manage"]],
    ["wr17e00000000000", "Write key", ["ingest"]],
  ]);
  // 0008 (SQLite) / 0010 (PostgreSQL): a journey from before tags and owners has none.
  expect(await store.getJourney("w", "old")).toMatchObject({ name: "Old", tags: [], owner: "" });
  // 0004: the canvas figures come from counters, filled from the facts already there.
  const counts = await store.stepCounts("w", "j");
  expect(counts.converted).toBe(1);
  expect(counts.steps.map((s) => [s.stepId, s.passed, s.exited, s.outcomes])).toEqual([
    ["done", 0, 1, {}],
    ["start", 2, 0, { next: 2 }],
    ["wait", 0, 0, {}],
  ]);
  const history = await store.transitionsOfInstances("w", ["j:c1:1", "j:c2:1"]);
  expect(history.map((t) => [t.instanceId, t.stepId, t.kind, t.outcome, t.reason, t.at])).toEqual([
    ["j:c1:1", "start", "step", "next", "purchase.completed", 10],
    ["j:c2:1", "start", "step", "next", `it's "quoted"`, 10],
    ["j:c1:1", "done", "goal", "bought", "reached goal step done", 30],
    ["j:c1:1", "done", "complete", "completed", "end", 30],
  ]);
  expect((await store.outboxOf("w", { customerId: "c2" })).map((o) => o.key)).toEqual(["j:c2:1:mail:0"]);
  // Only the event not yet matched is still to be matched, in its partition, at its time.
  expect(await store.pendingEventCount()).toBe(1);
  expect(await store.partitionsWithWork(24)).toEqual([]);
  expect(await store.partitionsWithWork(25)).toEqual([5]);
  // New history follows what was there.
  expect(await store.exitAll("w", "j", "journey archived", 40)).toBe(1);
  expect((await store.transitionsOfInstances("w", ["j:c2:1"])).map((t) => t.reason)).toEqual([
    `it's "quoted"`,
    "journey archived",
  ]);
  expect((await store.stepCounts("w", "j")).steps.find((s) => s.stepId === "wait")).toMatchObject({
    exited: 1,
    waiting: 0,
  });
}

describe("migrations 0003 to 0007: history and outbox by instance, per-step counters, one history row per wake-up, counter shards", () => {
  it("keeps every customer's history on SQLite", async () => {
    const store = new SqliteStore(":memory:");
    store.db.exec("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (const m of SQLITE_MIGRATIONS.slice(0, 2)) {
      store.db.exec(m.sql);
      store.db.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(m.id);
    }
    for (const sql of LEGACY)
      store.db.exec(sql.replace(/\b(true|false)\)$/, (_, b: string) => (b === "true" ? "1)" : "0)")));
    try {
      await expectHistoryKept(store, [
        "0003_batch_locality",
        "0004_step_stats",
        "0005_step_history",
        "0006_outbox_retry_window",
        "0007_outbox_by_step",
        "0008_journey_tags_owner",
        "0009_outbox_due_by_channel",
        "0010_scoped_keys",
        "0011_customer_tombstones",
        "0014_report_rollups",
      ]);
    } finally {
      await store.close();
    }
  });

  describe.skipIf(!target.available)("PostgreSQL", () => {
    afterAll(() => target.dropAll());
    it("keeps every customer's history on PostgreSQL", async () => {
      const store = new PostgresStore(await target.schemaUrl(), { poolSize: 2 });
      try {
        await store.pool.query("CREATE TABLE schema_migrations (id text PRIMARY KEY, applied_at bigint NOT NULL)");
        for (const m of POSTGRES_MIGRATIONS.slice(0, 2)) {
          await store.pool.query(m.sql);
          await store.pool.query("INSERT INTO schema_migrations VALUES ($1, 0)", [m.id]);
        }
        for (const sql of LEGACY) await store.pool.query(sql);
        await expectHistoryKept(store, [
          "0003_batch_locality",
          "0004_step_stats",
          "0005_event_queue",
          "0006_step_history",
          "0007_step_stats_shards",
          "0008_outbox_retry_window",
          "0009_outbox_by_step",
          "0010_journey_tags_owner",
          "0011_outbox_due_by_channel",
          "0012_scoped_keys",
          "0013_customer_tombstones",
          "0016_report_rollups",
        ]);
      } finally {
        await store.close();
      }
    });
  });
});
