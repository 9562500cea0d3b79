import type { CustomerEvent, Instance } from "@overture/core";
import { unpackHistory } from "../history.ts";
import { eventFromRow, historyOf, INSTANCE_COLUMNS, instanceFromRow, outboxFromRow } from "../rows.ts";
import { stepCountsFromRows } from "../step-counts.ts";
import type { CatalogSample, OutboxRow, OutboxStatus, TransitionRow } from "../store.ts";

type Row = Record<string, unknown>;

/** A statement on the store's pool. */
export type Query = (text: string, values?: unknown[]) => Promise<Row[]>;

/** What the API reads on PostgreSQL: a customer's instances, history and outbox, per-step figures, customers at a step. */

export async function instancesOfCustomer(query: Query, workspaceId: string, customerId: string): Promise<Instance[]> {
  const rows = await query(
    `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = $1 AND customer_id = $2 ORDER BY entered_at, id`,
    [workspaceId, customerId],
  );
  return rows.map((r) => instanceFromRow(r).instance);
}

export async function transitionsOfInstances(
  query: Query,
  workspaceId: string,
  instanceIds: string[],
): Promise<TransitionRow[]> {
  if (instanceIds.length === 0) return [];
  const rows = await query(
    `SELECT h.at, h.steps, i.id AS instance_id, i.journey_id, i.version, i.customer_id FROM step_history h
     JOIN instances i ON i.workspace_id = h.workspace_id AND i.id = h.instance_id
     WHERE h.workspace_id = $1 AND h.instance_id = ANY($2::text[]) ORDER BY h.seq`,
    [workspaceId, instanceIds],
  );
  return rows.flatMap((r) => unpackHistory(historyOf(workspaceId, r), r.steps));
}

export async function recentEvents(
  query: Query,
  workspaceId: string,
  customerId: string,
  limit: number,
): Promise<CustomerEvent[]> {
  const rows = await query(
    "SELECT * FROM events WHERE workspace_id = $1 AND customer_id = $2 ORDER BY at DESC, seq DESC LIMIT $3",
    [workspaceId, customerId, limit],
  );
  return rows.map(eventFromRow).reverse();
}

export async function stepCounts(query: Query, workspaceId: string, journeyId: string, version?: number) {
  const filter = version === undefined ? "" : " AND version = $3";
  const args = version === undefined ? [workspaceId, journeyId] : [workspaceId, journeyId, version];
  const where = `workspace_id = $1 AND journey_id = $2${filter}`;
  const [waiting, outcomes, statuses, converted] = await Promise.all([
    query(
      `SELECT step_id, count(*) AS n FROM instances WHERE ${where} AND status IN ('active', 'waiting') GROUP BY step_id`,
      args,
    ),
    query(
      `SELECT step_id, kind, outcome, sum(n) AS n FROM step_stats WHERE ${where} GROUP BY step_id, kind, outcome`,
      args,
    ),
    query(`SELECT status, count(*) AS n FROM instances WHERE ${where} GROUP BY status`, args),
    query(
      `SELECT count(DISTINCT h.instance_id) AS n FROM instances i JOIN step_history h ON h.workspace_id = i.workspace_id AND h.instance_id = i.id AND h.goals > 0
       WHERE i.workspace_id = $1 AND i.journey_id = $2${version === undefined ? "" : " AND i.version = $3"}`,
      args,
    ),
  ]);
  return stepCountsFromRows(waiting, outcomes, statuses, Number(converted[0]?.n ?? 0));
}

export async function instancesAtStep(
  query: Query,
  workspaceId: string,
  journeyId: string,
  stepId: string,
  limit: number,
  after?: string,
): Promise<Instance[]> {
  const rows = await query(
    `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = $1 AND journey_id = $2 AND step_id = $3 AND status IN ('active', 'waiting') AND id > $4 ORDER BY id LIMIT $5`,
    [workspaceId, journeyId, stepId, after ?? "", limit],
  );
  return rows.map((r) => instanceFromRow(r).instance);
}

export async function getInstance(query: Query, workspaceId: string, instanceId: string): Promise<Instance | null> {
  const [row] = await query(`SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = $1 AND id = $2`, [
    workspaceId,
    instanceId,
  ]);
  return row ? instanceFromRow(row).instance : null;
}

export async function outboxOf(
  query: Query,
  workspaceId: string,
  filter: { customerId?: string; status?: OutboxStatus; limit?: number },
): Promise<OutboxRow[]> {
  const args: unknown[] = [workspaceId];
  let from = "outbox o";
  if (filter.customerId) {
    // Through the customer's instances: an action's key starts with its instance id and ':' (';' follows it in
    // the "C" collation), so the (workspace_id, key) index answers.
    args.push(filter.customerId);
    from = `instances i JOIN outbox o ON o.workspace_id = i.workspace_id AND o.key >= i.id || ':' AND o.key < i.id || ';'
      AND i.customer_id = $2 AND o.customer_id = $2`;
  }
  const where = [filter.customerId ? "i.workspace_id = $1" : "o.workspace_id = $1"];
  if (filter.status) {
    args.push(filter.status);
    where.push(`o.status = $${args.length}`);
  }
  args.push(filter.limit ?? 1000);
  const rows = await query(
    `SELECT o.* FROM ${from} WHERE ${where.join(" AND ")} ORDER BY o.seq LIMIT $${args.length}`,
    args,
  );
  return rows.map(outboxFromRow);
}

/** Newest events first by the primary key: no sort of the whole table, and the names people use now come first. */
export async function catalogSample(
  query: Query,
  workspaceId: string,
  limits: { events: number; customers: number },
): Promise<CatalogSample> {
  const events = await query("SELECT name, properties FROM events WHERE workspace_id = $1 ORDER BY seq DESC LIMIT $2", [
    workspaceId,
    limits.events,
  ]);
  const customers = await query("SELECT attributes FROM customers WHERE workspace_id = $1 LIMIT $2", [
    workspaceId,
    limits.customers,
  ]);
  return {
    events: events.map((r) => ({
      name: r.name as string,
      properties: r.properties as CatalogSample["events"][number]["properties"],
    })),
    attributes: customers.map((r) => r.attributes as CatalogSample["attributes"][number]),
  };
}
