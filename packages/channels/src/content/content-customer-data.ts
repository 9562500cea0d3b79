import type { CustomerDataPart } from "../customer-data-part.ts";
import { plainRow } from "../customer-data-part.ts";
import { CONTENT_MIGRATIONS } from "./content-schema.ts";

/** The content the customer viewed (recommendations read it), for the export and the erase (0036). */
export const contentCustomerData: CustomerDataPart = {
  kind: "contentViews",
  tables: CONTENT_MIGRATIONS,
  export: async (sql, workspaceId, customerId) =>
    (
      await sql.all(
        `SELECT event_id, content_id, dwell_ms, at FROM content_views
         WHERE workspace_id = ? AND customer_id = ? ORDER BY at, event_id`,
        [workspaceId, customerId],
      )
    ).map(plainRow),
  erase: (tx, workspaceId, customerId) =>
    tx.run("DELETE FROM content_views WHERE workspace_id = ? AND customer_id = ?", [workspaceId, customerId]),
};
