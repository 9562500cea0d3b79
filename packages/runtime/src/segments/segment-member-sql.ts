import type { Json } from "@overture/core";
import { partitionOf } from "../store/partition.ts";
import { json, num } from "../store/rows.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { SegmentMembersPage } from "./segment-types.ts";

/**
 * The catalog's reads of membership (tables of the membership side: `segment_members`, `segment_counts`) and its own
 * `segment_sizes`; and the one membership write it makes, a static segment's import (the engine never decides a
 * static segment, so these rows have no other writer).
 */

const HOUR = 3_600_000;
/** How far back the size history goes. */
const HISTORY_MS = 90 * 24 * HOUR;
/** Rows per INSERT statement: well under both dialects' limits on parameters. */
const CHUNK = 250;

/** Each segment's size now (the sum of its per-partition counters); segments with no counter are absent. */
export async function segmentSizes(sql: SqlRunner, workspaceId: string): Promise<Map<string, number>> {
  const rows = await sql.all<{ segment_id: string; size: unknown }>(
    "SELECT segment_id, SUM(size) AS size FROM segment_counts WHERE workspace_id = ? GROUP BY segment_id",
    [workspaceId],
  );
  return new Map(rows.map((r) => [r.segment_id, num(r.size)]));
}

/** One page of members in customer id order, with their attributes (an empty profile when none is stored). */
export async function memberPage(
  sql: SqlRunner,
  key: { workspaceId: string; segmentId: string },
  page: { after?: string; limit: number },
): Promise<Omit<SegmentMembersPage, "total">> {
  const rows = await sql.all<{ customer_id: string; since: unknown; attributes: unknown }>(
    `SELECT m.customer_id, m.since, c.attributes FROM segment_members m
     LEFT JOIN customers c ON c.workspace_id = m.workspace_id AND c.id = m.customer_id
     WHERE m.workspace_id = ? AND m.segment_id = ? AND m.customer_id > ? ORDER BY m.customer_id LIMIT ?`,
    [key.workspaceId, key.segmentId, page.after ?? "", page.limit + 1],
  );
  const members = rows.slice(0, page.limit).map((r) => ({
    customerId: r.customer_id,
    since: num(r.since),
    attributes: r.attributes === null || r.attributes === undefined ? {} : json<Record<string, Json>>(r.attributes),
  }));
  const more = rows.length > page.limit;
  return { members, next: more ? (members.at(-1)?.customerId ?? null) : null };
}

/** The size history: a point per recorded hour where the size changed, and the newest, oldest first. */
export async function sizeHistory(
  sql: SqlRunner,
  key: { workspaceId: string; segmentId: string },
  now: number,
): Promise<Array<{ at: number; size: number }>> {
  const rows = await sql.all<{ at: unknown; size: unknown }>(
    "SELECT at, size FROM segment_sizes WHERE workspace_id = ? AND segment_id = ? AND at >= ? ORDER BY at",
    [key.workspaceId, key.segmentId, now - HISTORY_MS],
  );
  const points = rows.map((r) => ({ at: num(r.at), size: num(r.size) }));
  return points.filter((p, i) => i === 0 || i === points.length - 1 || p.size !== points[i - 1]?.size);
}

/**
 * Records every live segment's size for the hour of `now`, once: a later call in the same hour finds the rows and
 * writes nothing, so every worker process may run it. Returns how many points it wrote.
 */
export async function recordSegmentSizes(sql: SqlRunner, now: number): Promise<number> {
  const hour = Math.floor(now / HOUR) * HOUR;
  return sql.run(
    `INSERT INTO segment_sizes (workspace_id, segment_id, at, size)
     SELECT s.workspace_id, s.id, ?, COALESCE((SELECT SUM(c.size) FROM segment_counts c
       WHERE c.workspace_id = s.workspace_id AND c.segment_id = s.id), 0)
     FROM segments s WHERE s.deleted_at IS NULL
     ON CONFLICT (workspace_id, segment_id, at) DO NOTHING`,
    [hour],
  );
}

/**
 * Writes a static segment's imported members in one transaction: `replace` removes whoever is not in `ids`, then
 * adds the rest (`since` now for newcomers; those who stay keep theirs). Customers not yet known get an empty
 * profile, as events do. Counters stay per partition, as the membership side keeps them. Returns who came and went.
 */
export async function writeImportedMembers(
  sql: SqlRunner,
  key: { workspaceId: string; segmentId: string; partitions: number },
  ids: string[],
  options: { mode: "replace" | "add"; now: number },
): Promise<{ added: string[]; removed: string[] }> {
  const { workspaceId, segmentId } = key;
  return sql.transaction(async (tx) => {
    let removed: string[] = [];
    if (options.mode === "replace") {
      const keep = new Set(ids);
      const current = await tx.all<{ customer_id: string }>(
        "SELECT customer_id FROM segment_members WHERE workspace_id = ? AND segment_id = ?",
        [workspaceId, segmentId],
      );
      removed = current.map((r) => r.customer_id).filter((id) => !keep.has(id));
      for (const chunk of chunks(removed)) {
        await tx.run(
          `DELETE FROM segment_members WHERE workspace_id = ? AND segment_id = ? AND customer_id IN (${marks(chunk.length)})`,
          [workspaceId, segmentId, ...chunk],
        );
      }
    }
    const added: string[] = [];
    for (const chunk of chunks(ids)) {
      await tx.run(
        `INSERT INTO customers (workspace_id, id, attributes, created_at, updated_at)
         VALUES ${chunk.map(() => "(?, ?, '{}', ?, ?)").join(", ")} ON CONFLICT (workspace_id, id) DO NOTHING`,
        chunk.flatMap((id) => [workspaceId, id, options.now, options.now]),
      );
      const inserted = await tx.all<{ customer_id: string }>(
        `INSERT INTO segment_members (workspace_id, customer_id, segment_id, since)
         VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}
         ON CONFLICT (workspace_id, customer_id, segment_id) DO NOTHING RETURNING customer_id`,
        chunk.flatMap((id) => [workspaceId, id, segmentId, options.now]),
      );
      for (const r of inserted) added.push(r.customer_id);
    }
    const delta = new Map<number, number>();
    for (const id of added) bump(delta, partitionOf(workspaceId, id, key.partitions), 1);
    for (const id of removed) bump(delta, partitionOf(workspaceId, id, key.partitions), -1);
    for (const [partition, change] of delta) {
      if (change === 0) continue;
      await tx.run(
        `INSERT INTO segment_counts (workspace_id, segment_id, partition, size) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id, segment_id, partition) DO UPDATE SET size = segment_counts.size + excluded.size`,
        [workspaceId, segmentId, partition, change],
      );
    }
    return { added, removed };
  });
}

function bump(map: Map<number, number>, key: number, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function marks(n: number): string {
  return Array(n).fill("?").join(", ");
}
