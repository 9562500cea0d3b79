import type { SegmentRule } from "@overture/core";
import type { SegmentDefinitionRow, SegmentDefinitions } from "../src/segments/segment-ports.ts";
import { json } from "../src/store/rows.ts";
import type { SqlRunner } from "../src/store/sql-runner.ts";

/**
 * A tiny SegmentDefinitions over the real `segments` table, for the membership tests until the catalog (h14-catalog)
 * is merged: insert, list, mark built. Not the product's catalog.
 */
export function testSegmentDefinitions(sql: SqlRunner): SegmentDefinitions & {
  put(workspaceId: string, id: string, rule: SegmentRule | null, options?: { built?: boolean }): Promise<void>;
} {
  const row = (r: Record<string, unknown>): SegmentDefinitionRow => ({
    workspaceId: r.workspace_id as string,
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as "dynamic" | "static",
    rule: r.rule === null ? null : json<SegmentRule>(r.rule),
    version: Number(r.version),
    builtVersion: Number(r.built_version),
    builtPartitions: Number(r.built_partitions),
    deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
  });
  return {
    async list(workspaceId) {
      return (
        await sql.all("SELECT * FROM segments WHERE workspace_id = ? AND deleted_at IS NULL ORDER BY id", [workspaceId])
      ).map(row);
    },
    async workspacesWithSegments() {
      const rows = await sql.all<{ workspace_id: string }>(
        "SELECT DISTINCT workspace_id FROM segments WHERE deleted_at IS NULL AND kind = 'dynamic'",
      );
      return rows.map((r) => r.workspace_id);
    },
    async markBuilt(workspaceId, segmentId, version, builtPartitions) {
      await sql.run(
        `UPDATE segments SET built_partitions = ?, built_version = CASE WHEN CAST(? AS INTEGER) >= CAST(? AS INTEGER) THEN CAST(? AS INTEGER) ELSE built_version END
         WHERE workspace_id = ? AND id = ? AND version = ?`,
        [builtPartitions, builtPartitions, 16, version, workspaceId, segmentId, version],
      );
    },
    /** A new segment, or a new version of its rule; `built` (default true) marks it built, as for one made before any customer. */
    async put(workspaceId, id, rule, options = {}) {
      const built = options.built ?? true;
      const [current] = await sql.all<{ version: unknown }>(
        "SELECT version FROM segments WHERE workspace_id = ? AND id = ?",
        [workspaceId, id],
      );
      const version = current ? Number(current.version) + 1 : 1;
      await sql.run("DELETE FROM segments WHERE workspace_id = ? AND id = ?", [workspaceId, id]);
      await sql.run(
        `INSERT INTO segments (workspace_id, id, name, description, kind, rule, version, built_version, built_partitions, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 0, 0, NULL)`,
        [
          workspaceId,
          id,
          id,
          rule ? "dynamic" : "static",
          rule ? JSON.stringify(rule) : null,
          version,
          built ? version : version - 1,
          built ? 16 : 0,
        ],
      );
    },
  };
}
