import { SEGMENT_ENTERED, SEGMENT_LEFT } from "@overture/core";
import { partitionOf } from "../store/partition.ts";
import { insertEvents as insertPostgresEvents } from "../store/postgres/postgres-events.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { NewEvent } from "../store/store.ts";
import type { SegmentChange, SegmentRecheck } from "./segment-ports.ts";

/** The event id of a membership change: derived from it, so a replayed batch stores the event once. */
export function segmentEventId(change: SegmentChange): string {
  return `${change.member ? SEGMENT_ENTERED : SEGMENT_LEFT}:${change.segmentId}:${change.customerId}:${change.at}`;
}

/** The `$segment.entered` / `$segment.left` event a change announces. */
export function segmentEventOf(change: SegmentChange): NewEvent {
  return {
    workspaceId: change.workspaceId,
    id: segmentEventId(change),
    name: change.member ? SEGMENT_ENTERED : SEGMENT_LEFT,
    customerId: change.customerId,
    properties: { segmentId: change.segmentId },
    at: change.at,
    receivedAt: change.at,
  };
}

/**
 * Writes membership changes and rechecks inside the partition transaction that decided them (`sql` is the
 * transaction's runner): members in or out, the per-partition counters (only this transaction holds the partition,
 * so no other writes them), the announced events stored and queued like ingested ones, and the timers. The caller
 * decided every change against the memberships it read under the same lock, so each one really changes a row.
 */
export async function writeSegmentChanges(
  sql: SqlRunner,
  partitions: number,
  changes: readonly SegmentChange[],
  rechecks: readonly SegmentRecheck[],
): Promise<void> {
  if (changes.length === 0 && rechecks.length === 0) return;
  if (sql.dialect === "postgres") await writePostgres(sql, partitions, changes, rechecks);
  else await writeSqlite(sql, partitions, changes, rechecks);
  const announced = changes.filter((c) => c.announce).map(segmentEventOf);
  if (announced.length === 0) return;
  if (sql.dialect === "postgres")
    await insertPostgresEvents((text, values) => sql.all(text, values), partitions, announced);
  else await insertSqliteEvents(sql, partitions, announced);
}

/** Each segment's size change per partition. */
function countDeltas(partitions: number, changes: readonly SegmentChange[]) {
  const deltas = new Map<string, { w: string; s: string; p: number; n: number }>();
  for (const c of changes) {
    const p = partitionOf(c.workspaceId, c.customerId, partitions);
    const key = `${c.workspaceId}\u0000${c.segmentId}\u0000${p}`;
    const d = deltas.get(key) ?? { w: c.workspaceId, s: c.segmentId, p, n: 0 };
    d.n += c.member ? 1 : -1;
    deltas.set(key, d);
  }
  return [...deltas.values()].filter((d) => d.n !== 0);
}

const BUMP_COUNT = `INSERT INTO segment_counts (workspace_id, segment_id, partition, size) VALUES (?, ?, ?, ?)
  ON CONFLICT (workspace_id, segment_id, partition) DO UPDATE SET size = segment_counts.size + excluded.size`;

async function writeSqlite(
  sql: SqlRunner,
  partitions: number,
  changes: readonly SegmentChange[],
  rechecks: readonly SegmentRecheck[],
): Promise<void> {
  // SQLite runs in this process: a prepared statement per row costs no round trip.
  for (const c of changes) {
    if (c.member)
      await sql.run(
        "INSERT INTO segment_members (workspace_id, customer_id, segment_id, since) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [c.workspaceId, c.customerId, c.segmentId, c.at],
      );
    else
      await sql.run("DELETE FROM segment_members WHERE workspace_id = ? AND customer_id = ? AND segment_id = ?", [
        c.workspaceId,
        c.customerId,
        c.segmentId,
      ]);
  }
  for (const d of countDeltas(partitions, changes)) await sql.run(BUMP_COUNT, [d.w, d.s, d.p, d.n]);
  for (const r of rechecks) {
    if (r.at === null)
      await sql.run("DELETE FROM segment_rechecks WHERE workspace_id = ? AND customer_id = ? AND segment_id = ?", [
        r.workspaceId,
        r.customerId,
        r.segmentId,
      ]);
    else
      await sql.run(
        `INSERT INTO segment_rechecks (workspace_id, customer_id, segment_id, partition, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, customer_id, segment_id) DO UPDATE SET at = excluded.at`,
        [r.workspaceId, r.customerId, r.segmentId, partitionOf(r.workspaceId, r.customerId, partitions), r.at],
      );
  }
}

async function writePostgres(
  sql: SqlRunner,
  partitions: number,
  changes: readonly SegmentChange[],
  rechecks: readonly SegmentRecheck[],
): Promise<void> {
  // A handful of statements whatever the batch's size: each takes its rows as arrays (one round trip each).
  const ins = changes.filter((c) => c.member);
  const outs = changes.filter((c) => !c.member);
  if (ins.length > 0)
    await sql.run(
      `INSERT INTO segment_members (workspace_id, customer_id, segment_id, since)
       SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) ON CONFLICT DO NOTHING`,
      [ins.map((c) => c.workspaceId), ins.map((c) => c.customerId), ins.map((c) => c.segmentId), ins.map((c) => c.at)],
    );
  if (outs.length > 0)
    await sql.run(
      `DELETE FROM segment_members m USING unnest(?::text[], ?::text[], ?::text[]) AS x(w, c, s)
       WHERE m.workspace_id = x.w AND m.customer_id = x.c AND m.segment_id = x.s`,
      [outs.map((c) => c.workspaceId), outs.map((c) => c.customerId), outs.map((c) => c.segmentId)],
    );
  const deltas = countDeltas(partitions, changes);
  if (deltas.length > 0)
    await sql.run(
      `INSERT INTO segment_counts (workspace_id, segment_id, partition, size)
       SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::bigint[])
       ON CONFLICT (workspace_id, segment_id, partition) DO UPDATE SET size = segment_counts.size + excluded.size`,
      [deltas.map((d) => d.w), deltas.map((d) => d.s), deltas.map((d) => d.p), deltas.map((d) => d.n)],
    );
  // One row per key: the last recheck decided for a customer and segment wins (ON CONFLICT refuses a key twice).
  const last = new Map<string, SegmentRecheck>();
  for (const r of rechecks) last.set(`${r.workspaceId}\u0000${r.customerId}\u0000${r.segmentId}`, r);
  const set = [...last.values()].filter((r) => r.at !== null);
  const cleared = [...last.values()].filter((r) => r.at === null);
  if (cleared.length > 0)
    await sql.run(
      `DELETE FROM segment_rechecks r USING unnest(?::text[], ?::text[], ?::text[]) AS x(w, c, s)
       WHERE r.workspace_id = x.w AND r.customer_id = x.c AND r.segment_id = x.s`,
      [cleared.map((r) => r.workspaceId), cleared.map((r) => r.customerId), cleared.map((r) => r.segmentId)],
    );
  if (set.length > 0)
    await sql.run(
      `INSERT INTO segment_rechecks (workspace_id, customer_id, segment_id, partition, at)
       SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[])
       ON CONFLICT (workspace_id, customer_id, segment_id) DO UPDATE SET at = excluded.at`,
      [
        set.map((r) => r.workspaceId),
        set.map((r) => r.customerId),
        set.map((r) => r.segmentId),
        set.map((r) => partitionOf(r.workspaceId, r.customerId, partitions)),
        set.map((r) => r.at),
      ],
    );
}

async function insertSqliteEvents(sql: SqlRunner, partitions: number, events: NewEvent[]): Promise<void> {
  for (const e of events) {
    const p = partitionOf(e.workspaceId, e.customerId, partitions);
    const [row] = await sql.all<{ seq: number }>(
      `INSERT INTO events (workspace_id, id, customer_id, name, properties, at, received_at, partition)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq`,
      [e.workspaceId, e.id, e.customerId, e.name, JSON.stringify(e.properties), e.at, e.receivedAt, p],
    );
    if (row) await sql.run("INSERT INTO event_queue (partition, at, seq) VALUES (?, ?, ?)", [p, e.at, row.seq]);
  }
}
