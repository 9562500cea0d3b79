import type { CustomerDataPart } from "../customer-data-part.ts";
import { plainRow } from "../customer-data-part.ts";
import { invalidateDecisions } from "./decision-cache.ts";
import { notifyDecisions } from "./decision-notify.ts";
import { SLOT_MIGRATIONS } from "./slot-schema.ts";

/** The customer's slot assignments, for the export and the erase; decision caches drop the customer (0036). */
export const slotCustomerData: CustomerDataPart = {
  kind: "slotAssignments",
  tables: SLOT_MIGRATIONS,
  export: async (sql, workspaceId, customerId) =>
    (
      await sql.all(
        `SELECT slot, content_id, until, delivery_key, assigned_at FROM slot_assignments
         WHERE workspace_id = ? AND customer_id = ? ORDER BY assigned_at, slot`,
        [workspaceId, customerId],
      )
    ).map(plainRow),
  async erase(tx, workspaceId, customerId) {
    const n = await tx.run("DELETE FROM slot_assignments WHERE workspace_id = ? AND customer_id = ?", [
      workspaceId,
      customerId,
    ]);
    if (n > 0) await notifyDecisions(tx, workspaceId, customerId);
    return n;
  },
  erased: (store, workspaceId, customerId) => invalidateDecisions(store, workspaceId, customerId),
};
