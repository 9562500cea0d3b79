import type { SegmentRule } from "@overture/core";
import { json, num } from "../store/rows.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import type { SegmentDefinitionRow } from "./segment-ports.ts";

/** A `segments` row with what only the catalog reads (description, dates). */
export type SegmentRow = SegmentDefinitionRow & { description: string | null; createdAt: number; updatedAt: number };

const COLUMNS =
  "workspace_id, id, name, description, kind, rule, version, built_version, built_partitions, created_at, updated_at, deleted_at";

function rowOf(r: Record<string, unknown>): SegmentRow {
  return {
    workspaceId: r.workspace_id as string,
    id: r.id as string,
    name: r.name as string,
    description: (r.description as string | null) ?? null,
    kind: r.kind === "static" ? "static" : "dynamic",
    rule: r.rule === null || r.rule === undefined ? null : json<SegmentRule>(r.rule),
    version: num(r.version),
    builtVersion: num(r.built_version),
    builtPartitions: num(r.built_partitions),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    deletedAt: r.deleted_at === null || r.deleted_at === undefined ? null : num(r.deleted_at),
  };
}

/** Live segments of a workspace (or of every workspace), by name. */
export async function liveSegments(sql: SqlRunner, workspaceId?: string): Promise<SegmentRow[]> {
  const rows = workspaceId
    ? await sql.all(`SELECT ${COLUMNS} FROM segments WHERE workspace_id = ? AND deleted_at IS NULL ORDER BY name, id`, [
        workspaceId,
      ])
    : await sql.all(`SELECT ${COLUMNS} FROM segments WHERE deleted_at IS NULL ORDER BY workspace_id, name, id`);
  return rows.map(rowOf);
}

/** One segment, deleted ones too (the caller decides what a deleted one means). */
export async function segmentRow(sql: SqlRunner, workspaceId: string, id: string): Promise<SegmentRow | null> {
  const [row] = await sql.all(`SELECT ${COLUMNS} FROM segments WHERE workspace_id = ? AND id = ?`, [workspaceId, id]);
  return row ? rowOf(row) : null;
}

/** Whether an id was ever used in the workspace: a deleted segment's id is never given to a new one. */
export async function segmentIdTaken(sql: SqlRunner, workspaceId: string, id: string): Promise<boolean> {
  const rows = await sql.all("SELECT 1 AS x FROM segments WHERE workspace_id = ? AND id = ?", [workspaceId, id]);
  return rows.length > 0;
}

/** Inserts a new segment; false when the id is taken (a concurrent create got it first). */
export async function insertSegment(sql: SqlRunner, row: SegmentRow): Promise<boolean> {
  const changed = await sql.run(
    `INSERT INTO segments (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO NOTHING`,
    [
      row.workspaceId,
      row.id,
      row.name,
      row.description,
      row.kind,
      row.rule === null ? null : JSON.stringify(row.rule),
      row.version,
      row.builtVersion,
      row.builtPartitions,
      row.createdAt,
      row.updatedAt,
      null,
    ],
  );
  return changed > 0;
}

/** Writes a live segment's definition and build state; false when it is gone (deleted meanwhile). */
export async function updateSegment(sql: SqlRunner, row: SegmentRow): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE segments SET name = ?, description = ?, rule = ?, version = ?, built_version = ?, built_partitions = ?, updated_at = ?
     WHERE workspace_id = ? AND id = ? AND deleted_at IS NULL`,
    [
      row.name,
      row.description,
      row.rule === null ? null : JSON.stringify(row.rule),
      row.version,
      row.builtVersion,
      row.builtPartitions,
      row.updatedAt,
      row.workspaceId,
      row.id,
    ],
  );
  return changed > 0;
}

/** Marks a segment deleted; false when there was no live one. */
export async function softDeleteSegment(
  sql: SqlRunner,
  workspaceId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const changed = await sql.run(
    "UPDATE segments SET deleted_at = ?, updated_at = ? WHERE workspace_id = ? AND id = ? AND deleted_at IS NULL",
    [now, now, workspaceId, id],
  );
  return changed > 0;
}

/**
 * A build's progress for `version`; a stale build (the rule changed since it started) writes nothing. Once every
 * partition is built, `built_version` catches up with `version`.
 */
export async function markSegmentBuilt(
  sql: SqlRunner,
  key: { workspaceId: string; segmentId: string; version: number },
  builtPartitions: number,
  partitions: number,
): Promise<void> {
  await sql.run(
    `UPDATE segments SET built_partitions = ?, built_version = CASE WHEN ? = 1 THEN version ELSE built_version END
     WHERE workspace_id = ? AND id = ? AND version = ?`,
    [builtPartitions, builtPartitions >= partitions ? 1 : 0, key.workspaceId, key.segmentId, key.version],
  );
}

/** Workspaces with at least one live dynamic segment. */
export async function workspacesWithDynamicSegments(sql: SqlRunner): Promise<string[]> {
  const rows = await sql.all<{ workspace_id: string }>(
    "SELECT DISTINCT workspace_id FROM segments WHERE deleted_at IS NULL AND kind = 'dynamic' ORDER BY workspace_id",
  );
  return rows.map((r) => r.workspace_id);
}
