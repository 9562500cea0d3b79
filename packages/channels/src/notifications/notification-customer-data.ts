import type { CustomerDataPart } from "../customer-data-part.ts";
import { plainRow } from "../customer-data-part.ts";
import { NOTIFICATION_MIGRATIONS } from "./notification-schema.ts";

/** The customer's portal inbox, for the export and the erase (docs/decisions/0036). */
export const notificationCustomerData: CustomerDataPart = {
  kind: "notifications",
  tables: NOTIFICATION_MIGRATIONS,
  export: async (sql, workspaceId, customerId) =>
    (
      await sql.all(
        `SELECT id, title, body, link, created_at, expires_at, read_at, dismissed_at FROM portal_notifications
         WHERE workspace_id = ? AND customer_id = ? ORDER BY seq`,
        [workspaceId, customerId],
      )
    ).map(plainRow),
  erase: (tx, workspaceId, customerId) =>
    tx.run("DELETE FROM portal_notifications WHERE workspace_id = ? AND customer_id = ?", [workspaceId, customerId]),
};
