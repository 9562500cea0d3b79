import type { Json } from "@overture/core";
import type { SqlRunner } from "./sql-runner.ts";

/**
 * The customers whose attribute `name` is the text `value` (several profiles may share a phone: a household, a
 * duplicate), at most `limit`, in id order. The same call on both stores; the SQL lives here, with the table.
 */
export async function customersWithAttribute(
  sql: SqlRunner,
  workspaceId: string,
  name: string,
  value: string,
  limit: number,
): Promise<Array<{ id: string; attributes: Record<string, Json> }>> {
  // The attribute's name is a bound parameter on both dialects: a JSON path for SQLite, a key for PostgreSQL.
  const where = sql.dialect === "postgres" ? "attributes->>? = ?" : "json_extract(attributes, ?) = ?";
  const key = sql.dialect === "postgres" ? name : `$."${name.replaceAll('"', "")}"`;
  const rows = await sql.all<{ id: string; attributes: unknown }>(
    `SELECT id, attributes FROM customers WHERE workspace_id = ? AND ${where} ORDER BY id LIMIT ?`,
    [workspaceId, key, value, Math.max(1, Math.min(limit, 1000))],
  );
  return rows.map((row) => ({
    id: row.id,
    attributes: (typeof row.attributes === "string" ? JSON.parse(row.attributes) : row.attributes) as Record<
      string,
      Json
    >,
  }));
}
