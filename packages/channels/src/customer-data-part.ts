import type { SqlMigration, SqlRunner, Store } from "@overture/runtime";

/**
 * One feature's share of a customer's data (issue 13, docs/decisions/0036): the rows its tables keep for the customer,
 * which the export shows under `kind` and the erase deletes and counts under the same name. A channel declares it on
 * its module (`ChannelModule.customerData`), so a new channel's rows are exported and erased with no orchestrator edit.
 */
export type CustomerDataPart = {
  /** The export's section and the erase count's key, e.g. "notifications", "slotAssignments". */
  kind: string;
  /** Its tables' migrations, applied before reading (the tables are made lazily on first use). */
  tables: SqlMigration[];
  /** The customer's rows as plain JSON objects (credentials left out), oldest first. */
  export(sql: SqlRunner, workspaceId: string, customerId: string): Promise<Array<Record<string, unknown>>>;
  /** Deletes the customer's rows inside the caller's transaction; returns how many. */
  erase(tx: SqlRunner, workspaceId: string, customerId: string): Promise<number>;
  /** After the erase committed: drop what this process caches of the customer. */
  erased?(store: Store, workspaceId: string, customerId: string): void;
};

/** Text for a row's number columns (PostgreSQL bigint comes back as text): numbers, nulls kept. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    out[camel] = typeof value === "string" && /^-?\d+$/.test(value) && NUMERIC.has(key) ? Number(value) : value;
  }
  return out;
}

const NUMERIC = new Set([
  "seq",
  "created_at",
  "updated_at",
  "expires_at",
  "read_at",
  "dismissed_at",
  "until",
  "assigned_at",
  "dwell_ms",
  "at",
]);
