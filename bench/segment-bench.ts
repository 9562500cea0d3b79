import type { SegmentRule } from "@overture/core";
import { openOverture } from "@overture/runtime";
import { testSegmentDefinitions } from "../packages/runtime/test/segment-test-definitions.ts";
import { childMain } from "./child.ts";
import { note, Progress } from "./progress.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/**
 * The segment benchmark (issue 14): per store, `customers` customers and `events` past events generated inside the
 * database (a recursive CTE on SQLite, generate_series on PostgreSQL: the rows never cross the wire), the north-star
 * segment built from scratch (build_s), then `rate` purchases a second for `seconds` while the engine runs:
 * update_p99_ms is the time from an event's ingest until its membership change is decided in the batch that commits
 * it (segment_members.since, the batch's clock), at p99. Run by `npm run bench` (alone: `--only segment`) in a child
 * process of its own on a fresh store.
 */

const DAY = 86_400_000;
const NAMES = ["purchase.completed", "portal.login", "content.viewed", "page.viewed"];

/** Purchased, and no portal login or content view within 7 days of the last purchase: three rules. */
const NORTH_STAR: SegmentRule = {
  type: "all",
  rules: [
    { type: "event", event: "purchase.completed" },
    {
      type: "not",
      rule: { type: "portal-login", window: { type: "after-event", event: "purchase.completed", within: "7d" } },
    },
    {
      type: "not",
      rule: {
        type: "event",
        event: "content.viewed",
        window: { type: "after-event", event: "purchase.completed", within: "7d" },
      },
    },
  ],
};

export type SegmentBenchInput = {
  target: StoreTarget;
  customers: number;
  events: number;
  rate: number;
  seconds: number;
};
type Options = SegmentBenchInput;

/** The JSON line of one store. */
export type SegmentResult = {
  bench: "segment";
  store: "sqlite" | "postgres";
  customers: number;
  events: number;
  build_s: number;
  /** The slowest of 10 live estimates of the same rule over the same customers (the rule builder's; target 1 s). */
  estimate_max_ms: number;
  update_p99_ms: number | null;
  updates: number;
  updates_decided: number;
};

async function generate(sql: import("@overture/runtime").SqlRunner, ws: string, o: Options, now: number) {
  const names = NAMES.map((n) => `'${n}'`);
  if (sql.dialect === "sqlite") {
    await sql.run(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at)
       SELECT ?, printf('c%07d', i), '{}', ?, ? FROM n`,
      [o.customers, ws, now, now],
    );
    await sql.run(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition)
       SELECT ?, 'e' || i, printf('c%07d', i % ?), CASE (i * 7 + i / ?) % 4 WHEN 0 THEN ${names[0]} WHEN 1 THEN ${names[1]} WHEN 2 THEN ${names[2]} ELSE ${names[3]} END,
         '{}', ? - (i * 7919) % (30 * ?), ?, 0 FROM n`,
      [o.events, ws, o.customers, o.customers, now, DAY, now],
    );
    return;
  }
  // Ten million rows in one statement run past the store's statement timeout: lifted for this transaction only.
  await sql.transaction(async (tx) => {
    await tx.run("SET LOCAL statement_timeout = 0");
    await tx.run(
      `INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at)
       SELECT ?, 'c' || lpad(i::text, 7, '0'), '{}', ?, ? FROM generate_series(0, ? - 1) AS i`,
      [ws, now, now, o.customers],
    );
    await tx.run(
      `INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition)
       SELECT ?, 'e' || i, 'c' || lpad((i % ?)::text, 7, '0'), (ARRAY[${names.join(",")}])[1 + (i * 7 + i / ?) % 4],
         '{}', ?::bigint - (i::bigint * 7919) % (30 * ?::bigint), ?, 0 FROM generate_series(0::bigint, ? - 1) AS i`,
      [ws, o.customers, o.customers, now, DAY, now, o.events],
    );
  });
  // As autovacuum leaves a table ten million inserts old (PostgreSQL 13+ vacuums after inserts too): statistics, and
  // the visibility map that lets an index-only scan skip the heap.
  await sql.run("VACUUM ANALYZE customers");
  await sql.run("VACUUM ANALYZE events");
}

/** One store's run: generate, build, then time membership updates under load. */
export async function runSegmentBench(o: SegmentBenchInput): Promise<SegmentResult> {
  const store = o.target.store;
  const overture = await openOverture({ ...storeOptions(o.target), engine: { batchSize: 1_000 } });
  try {
    const { workspaceId: ws } = await overture.workspaces.create("Segment bench");
    const sql = overture.store.sql;
    let began = performance.now();
    await generate(sql, ws, o, Date.now());
    note(
      `${store}: ${o.customers} customers, ${o.events} events in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
    const defs = testSegmentDefinitions(sql);
    await defs.put(ws, "north-star", NORTH_STAR, { built: false });
    overture.engine.useSegments(defs);
    const builder = overture.engine.segments!.builder;
    const progress = new Progress(`${store} segment build`, "partitions");
    began = performance.now();
    for (let built = 0; built < overture.store.partitions; ) {
      const n = await builder.step();
      built += n;
      progress.update(built / overture.store.partitions, built);
      if (n === 0) break;
    }
    await builder.buildAll();
    const buildS = (performance.now() - began) / 1000;
    const [size] = await sql.all<{ n: unknown }>("SELECT count(*) AS n FROM segment_members WHERE segment_id = ?", [
      "north-star",
    ]);
    note(`${store}: built in ${buildS.toFixed(1)} s, ${Number(size?.n)} members`);
    const estimates: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await overture.segments.estimate(ws, NORTH_STAR);
      estimates.push(performance.now() - t0);
    }
    const estimateMaxMs = Math.max(...estimates);
    note(`${store}: 10 estimates: ${estimates.map((ms) => ms.toFixed(0)).join(", ")} ms`);

    // Live: purchases by customers outside the segment, each one a membership change to time.
    const outside = (
      await sql.all<{ id: string }>(
        "SELECT id FROM customers c WHERE workspace_id = ? AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.workspace_id = c.workspace_id AND m.customer_id = c.id AND m.segment_id = 'north-star') LIMIT ?",
        [ws, o.rate * o.seconds],
      )
    ).map((r) => r.id);
    overture.engine.start({ intervalMs: 5 });
    const sent = new Map<string, number>();
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((o.rate * tickMs) / 1000));
    const live = new Progress(`${store} segment updates`, "events");
    const start = performance.now();
    for (let k = 0; k < outside.length; ) {
      const due = Math.min(outside.length, Math.floor(((performance.now() - start) / 1000) * o.rate) + perTick);
      const batch = outside.slice(k, due);
      if (batch.length > 0) {
        const at = Date.now();
        await overture.events.ingest(
          ws,
          batch.map((customerId) => ({ name: "purchase.completed", customerId, at })),
        );
        for (const c of batch) sent.set(c, at);
        k = due;
        live.update(k / outside.length, k);
      }
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    // Let the engine catch up (bounded), then read when each change was decided.
    const deadline = Date.now() + 60_000;
    let decided: Array<{ customer_id: string; since: unknown }> = [];
    while (Date.now() < deadline) {
      decided = await sql.all("SELECT customer_id, since FROM segment_members WHERE workspace_id = ? AND since >= ?", [
        ws,
        Math.min(...sent.values()),
      ]);
      if (decided.length >= sent.size) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await overture.engine.stop();
    const latencies = decided
      .map((r) => Number(r.since) - (sent.get(r.customer_id) ?? Number.NaN))
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);
    const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? null;
    return {
      bench: "segment",
      store,
      customers: o.customers,
      events: o.events,
      build_s: Number(buildS.toFixed(2)),
      estimate_max_ms: Number(estimateMaxMs.toFixed(1)),
      update_p99_ms: p99,
      updates: sent.size,
      updates_decided: latencies.length,
    };
  } finally {
    await overture.close();
  }
}

childMain(runSegmentBench);
