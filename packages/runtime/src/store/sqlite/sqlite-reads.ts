import type { CustomerEvent, Instance } from "@overture/core";
import { unpackHistory } from "../history.ts";
import { eventFromRow, historyOf, INSTANCE_COLUMNS, instanceFromRow, json } from "../rows.ts";
import { stepCountsFromRows } from "../step-counts.ts";
import type { CatalogSample, TransitionRow } from "../store.ts";
import type { SqliteStore } from "./sqlite-store.ts";

type Row = Record<string, unknown>;

/** What the API reads on SQLite: a customer's instances and history, per-step figures, customers at a step. */

export async function instancesOfCustomer(
  store: SqliteStore,
  workspaceId: string,
  customerId: string,
): Promise<Instance[]> {
  const rows = store
    .stmt(
      `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = ? AND customer_id = ? ORDER BY entered_at, id`,
    )
    .all(workspaceId, customerId) as Row[];
  return rows.map((r) => instanceFromRow(r).instance);
}

export async function transitionsOfInstances(
  store: SqliteStore,
  workspaceId: string,
  instanceIds: string[],
): Promise<TransitionRow[]> {
  if (instanceIds.length === 0) return [];
  const marks = instanceIds.map(() => "?").join(",");
  const rows = store
    .stmt(
      `SELECT h.at, h.steps, i.id AS instance_id, i.journey_id, i.version, i.customer_id FROM instances i JOIN step_history h ON h.instance_iid = i.iid
     WHERE i.workspace_id = ? AND i.id IN (${marks}) ORDER BY h.seq`,
    )
    .all(workspaceId, ...instanceIds) as Row[];
  return rows.flatMap((r) => unpackHistory(historyOf(workspaceId, r), r.steps));
}

export async function recentEvents(
  store: SqliteStore,
  workspaceId: string,
  customerId: string,
  limit: number,
): Promise<CustomerEvent[]> {
  const rows = store
    .stmt("SELECT * FROM events WHERE workspace_id = ? AND customer_id = ? ORDER BY at DESC, seq DESC LIMIT ?")
    .all(workspaceId, customerId, limit) as Row[];
  return rows.map(eventFromRow).reverse();
}

export async function stepCounts(store: SqliteStore, workspaceId: string, journeyId: string, version?: number) {
  const filter = version === undefined ? "" : " AND version = ?";
  const args = version === undefined ? [workspaceId, journeyId] : [workspaceId, journeyId, version];
  const waiting = store.db
    .prepare(
      `SELECT step_id, count(*) AS n FROM instances WHERE workspace_id = ? AND journey_id = ?${filter} AND status IN ('active', 'waiting') GROUP BY step_id`,
    )
    .all(...args) as Row[];
  const outcomes = store.db
    .prepare(
      `SELECT step_id, kind, outcome, sum(n) AS n FROM step_stats WHERE workspace_id = ? AND journey_id = ?${filter} GROUP BY step_id, kind, outcome`,
    )
    .all(...args) as Row[];
  const statuses = store
    .stmt(
      `SELECT status, count(*) AS n FROM instances WHERE workspace_id = ? AND journey_id = ?${filter} GROUP BY status`,
    )
    .all(...args) as Row[];
  const converted = store.db
    .prepare(
      `SELECT count(DISTINCT h.instance_iid) FROM instances i JOIN step_history h ON h.instance_iid = i.iid AND h.goals > 0
       WHERE i.workspace_id = ? AND i.journey_id = ?${filter}`,
    )
    .pluck()
    .get(...args) as number;
  return stepCountsFromRows(waiting, outcomes, statuses, converted);
}

export async function instancesAtStep(
  store: SqliteStore,
  workspaceId: string,
  journeyId: string,
  stepId: string,
  limit: number,
  after?: string,
): Promise<Instance[]> {
  const rows = store.db
    .prepare(
      `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = ? AND journey_id = ? AND step_id = ? AND status IN ('active', 'waiting') AND id > ? ORDER BY id LIMIT ?`,
    )
    .all(workspaceId, journeyId, stepId, after ?? "", limit) as Row[];
  return rows.map((r) => instanceFromRow(r).instance);
}

export async function getInstance(
  store: SqliteStore,
  workspaceId: string,
  instanceId: string,
): Promise<Instance | null> {
  const row = store
    .stmt(`SELECT ${INSTANCE_COLUMNS} FROM instances WHERE workspace_id = ? AND id = ?`)
    .get(workspaceId, instanceId) as Row | undefined;
  return row ? instanceFromRow(row).instance : null;
}

/** Newest events first by the primary key: no sort of the whole table, and the names people use now come first. */
export async function catalogSample(
  store: SqliteStore,
  workspaceId: string,
  limits: { events: number; customers: number },
): Promise<CatalogSample> {
  const events = store
    .stmt("SELECT name, properties FROM events WHERE workspace_id = ? ORDER BY seq DESC LIMIT ?")
    .all(workspaceId, limits.events) as Row[];
  const customers = store
    .stmt("SELECT attributes FROM customers WHERE workspace_id = ? LIMIT ?")
    .pluck()
    .all(workspaceId, limits.customers) as string[];
  return {
    events: events.map((r) => ({ name: r.name as string, properties: json(r.properties) })),
    attributes: customers.map((a) => json(a)),
  };
}
