import type { CustomerDataPart } from "../customer-data-part.ts";
import { plainRow } from "../customer-data-part.ts";
import { pushSubscriptions } from "./push-subscriptions.ts";
import { PUSH_MIGRATIONS } from "./push-tables.ts";

/**
 * The customer's browser push subscriptions, for the export and the erase (0036). The export shows each endpoint and
 * its public key, not its `auth` secret: a credential for sending to the browser, not a fact about the customer.
 */
export const pushCustomerData: CustomerDataPart = {
  kind: "pushSubscriptions",
  tables: PUSH_MIGRATIONS,
  export: async (sql, workspaceId, customerId) =>
    (
      await sql.all(
        `SELECT endpoint, p256dh, created_at, updated_at FROM push_subscriptions
         WHERE workspace_id = ? AND customer_id = ? ORDER BY created_at, endpoint`,
        [workspaceId, customerId],
      )
    ).map(plainRow),
  erase: (tx, workspaceId, customerId) => pushSubscriptions(tx).removeAll(workspaceId, customerId),
};
