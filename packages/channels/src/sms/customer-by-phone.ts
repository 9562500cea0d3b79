import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";

/** Most customers one inbound text changes: a phone shared by more profiles than this is a data problem. */
export const PHONE_SHARERS_LIMIT = 100;

/**
 * The customers of a workspace whose `phone` attribute is `phone` (several profiles may share one: a household, a
 * duplicate), at most {@link PHONE_SHARERS_LIMIT}, in id order.
 *
 * Stopgap: this reads runtime's `customers` table through `store.sql`, which issue 17 forbids once tables have
 * owners. The Store port should grow `findCustomersByAttribute(workspaceId, name, value, limit)` (backed by an
 * expression index on the attribute); this function then becomes one call to it.
 */
export async function findCustomersByPhone(
  store: Pick<Store, "sql">,
  workspaceId: string,
  phone: string,
): Promise<Array<{ id: string; attributes: Record<string, Json> }>> {
  const where =
    store.sql.dialect === "postgres" ? "attributes->>'phone' = ?" : "json_extract(attributes, '$.phone') = ?";
  const rows = await store.sql.all<{ id: string; attributes: unknown }>(
    `SELECT id, attributes FROM customers WHERE workspace_id = ? AND ${where} ORDER BY id LIMIT ${PHONE_SHARERS_LIMIT}`,
    [workspaceId, phone],
  );
  return rows.map((row) => ({
    id: row.id,
    attributes: (typeof row.attributes === "string" ? JSON.parse(row.attributes) : row.attributes) as Record<
      string,
      Json
    >,
  }));
}
