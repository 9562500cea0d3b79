import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";

/**
 * The customer of a workspace whose `phone` attribute is `phone` (the most recently updated one when several share
 * it), or null.
 *
 * Stopgap: this reads runtime's `customers` table through `store.sql`, which issue 17 forbids once tables have
 * owners. The Store port should grow `findCustomerByAttribute(workspaceId, name, value)` (backed by an expression
 * index on `attributes->>'phone'`); this function then becomes one call to it.
 */
export async function findCustomerByPhone(
  store: Pick<Store, "sql">,
  workspaceId: string,
  phone: string,
): Promise<{ id: string; attributes: Record<string, Json> } | null> {
  const where =
    store.sql.dialect === "postgres" ? "attributes->>'phone' = ?" : "json_extract(attributes, '$.phone') = ?";
  const rows = await store.sql.all<{ id: string; attributes: unknown }>(
    `SELECT id, attributes FROM customers WHERE workspace_id = ? AND ${where} ORDER BY updated_at DESC, id LIMIT 1`,
    [workspaceId, phone],
  );
  const row = rows[0];
  if (!row) return null;
  const attributes = typeof row.attributes === "string" ? JSON.parse(row.attributes) : row.attributes;
  return { id: row.id, attributes: attributes as Record<string, Json> };
}
