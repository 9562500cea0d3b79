import type { Json } from "@overture/core";
import { json, num, outboxFromRow } from "./rows.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { OutboxRow, OutboxStatus } from "./store.ts";

/**
 * Reads of the outbox and the delivery facts for the operators' screens and the delivery policy, the same SQL on both
 * stores (like outbox-redrive.ts). They live here, with the tables, so no other package names them (docs/table-owners).
 */

/** Which outbox rows Store.outboxPage lists; `before` pages backwards by `seq`. */
export type OutboxPageFilter = {
  status?: OutboxStatus;
  channel?: string;
  customerId?: string;
  journeyId?: string;
  before?: number;
  /** At most this many rows (default 100). */
  limit?: number;
};

/** One delivery fact of an outbox row: a finished round (`sent`, `dead`, `skipped`) with what the channel said. */
export type DeliveryFact = { status: "sent" | "dead" | "skipped"; at: number; detail: Json };

/** Which sends Store.sentDeliveryKeys counts: the customer's `channel` deliveries sent after `since`. */
export type SentDeliveryFilter = { customerId: string; channel: string; since: number };

/** The workspace's outbox rows, newest first, filtered. */
export async function outboxPage(sql: SqlRunner, workspaceId: string, filter: OutboxPageFilter): Promise<OutboxRow[]> {
  const where = ["workspace_id = ?"];
  const params: unknown[] = [workspaceId];
  for (const [column, value] of [
    ["status", filter.status],
    ["channel", filter.channel],
    ["customer_id", filter.customerId],
    ["journey_id", filter.journeyId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.before !== undefined) {
    where.push("seq < ?");
    params.push(filter.before);
  }
  params.push(filter.limit ?? 100);
  const rows = await sql.all(`SELECT * FROM outbox WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`, params);
  return rows.map(outboxFromRow);
}

/** One outbox row of the workspace by its seq; null when there is none. */
export async function outboxRow(sql: SqlRunner, workspaceId: string, seq: number): Promise<OutboxRow | null> {
  const [row] = await sql.all("SELECT * FROM outbox WHERE workspace_id = ? AND seq = ?", [workspaceId, seq]);
  return row ? outboxFromRow(row) : null;
}

/** The delivery facts of one outbox row, oldest first. */
export async function deliveryFactsOf(sql: SqlRunner, workspaceId: string, outboxKey: string): Promise<DeliveryFact[]> {
  const rows = await sql.all(
    "SELECT status, detail, at FROM deliveries WHERE workspace_id = ? AND outbox_key = ? ORDER BY at, status",
    [workspaceId, outboxKey],
  );
  return rows.map((r) => ({ status: r.status as DeliveryFact["status"], at: num(r.at), detail: json<Json>(r.detail) }));
}

/** The outbox keys of the customer's `channel` deliveries sent after `since` (skipped, dead and retried ones do not count). */
export async function sentDeliveryKeys(
  sql: SqlRunner,
  workspaceId: string,
  filter: SentDeliveryFilter,
): Promise<string[]> {
  const rows = await sql.all<{ outbox_key: string }>(
    "SELECT outbox_key FROM deliveries WHERE workspace_id = ? AND customer_id = ? AND channel = ? AND status = 'sent' AND at > ?",
    [workspaceId, filter.customerId, filter.channel, filter.since],
  );
  return rows.map((r) => r.outbox_key);
}
