import {
  type DeliveryState,
  deliveryReasonOf,
  deliveryStateOf,
  KNOWN_REASONS,
  reasonFromPrefix,
  type StepDeliveries,
  stepDeliveriesFromRows,
} from "./delivery-outcomes.ts";
import { outboxFromRow } from "./rows.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { OutboxRow, OutboxStatus } from "./store.ts";

/** Which deliveries of one step Store.deliveriesOfStep lists. */
export type StepDeliveryFilter = {
  journeyId: string;
  stepId: string;
  /** One version's (default: every version's). */
  version?: number;
  outcome?: DeliveryState;
  /** Page backwards: rows with a smaller seq. */
  before?: number;
  limit: number;
};

/** One delivery of a step, with what became of it in the words the canvas uses. */
export type StepDelivery = Omit<OutboxRow, "payload"> & { outcome: DeliveryState; reason: string | null };

/**
 * A row's reason as SQL (both dialects): a known prefix's code, else the text before the first colon when it is short
 * (the code a channel put first), else ''. deliveryReasonOf is the same rule in TypeScript.
 */
function reasonSql(dialect: "sqlite" | "postgres"): string {
  const colon = dialect === "sqlite" ? "instr(last_error, ':')" : "strpos(last_error, ':')";
  const known = KNOWN_REASONS.map((k) => `WHEN last_error LIKE '${k.prefix}%' THEN '${k.reason}'`).join(" ");
  return `CASE WHEN last_error IS NULL THEN NULL ${known} WHEN ${colon} BETWEEN 2 AND 41 THEN substr(last_error, 1, ${colon} - 1) ELSE '' END`;
}

const DEFERRALS = KNOWN_REASONS.filter((k) => k.deferral).map((k) => `last_error LIKE '${k.prefix}%'`);
const CIRCUIT_PREFIX = KNOWN_REASONS.find((k) => k.reason === "circuit_open")?.prefix ?? "circuit open:";
const DEFERRED = DEFERRALS.length > 0 ? `(${DEFERRALS.join(" OR ")})` : "1 = 0";

/** The SQL condition of an outcome (the same split as deliveryStateOf). */
function outcomeSql(outcome: DeliveryState): { where: string; params: unknown[] } {
  const held = `(${DEFERRED} OR last_error LIKE '${CIRCUIT_PREFIX}%')`;
  if (outcome === "queued")
    return { where: `status = 'pending' AND (last_error IS NULL OR (attempts = 0 AND NOT ${held}))`, params: [] };
  if (outcome === "deferred") return { where: `status = 'pending' AND ${DEFERRED}`, params: [] };
  if (outcome === "retrying")
    return {
      where: `status = 'pending' AND last_error IS NOT NULL AND NOT ${DEFERRED} AND (attempts > 0 OR last_error LIKE '${CIRCUIT_PREFIX}%')`,
      params: [],
    };
  return { where: "status = ?", params: [outcome] };
}

/**
 * Per-step delivery figures of a journey (every version when `version` is omitted), on either store. Sent and sending
 * rows, most of a journey's, are counted from the outbox_step index alone; only the rows that have a reason (pending,
 * skipped, dead) are read, grouped by the reason's code, not the message: messages name the customer, codes do not.
 */
export async function deliveryOutcomes(
  sql: SqlRunner,
  workspaceId: string,
  journeyId: string,
  version?: number,
): Promise<StepDeliveries[]> {
  const params: unknown[] = [workspaceId, journeyId];
  if (version !== undefined) params.push(version);
  const where = `workspace_id = ? AND journey_id = ?${version !== undefined ? " AND version = ?" : ""}`;
  const done = await sql.all(
    // Grouped in the index's order (step, status, channel): no sort.
    `SELECT step_id, channel, status, count(*) AS n FROM outbox WHERE ${where} AND status IN ('sent', 'sending') GROUP BY step_id, status, channel`,
    params,
  );
  const rest = await sql.all(
    `SELECT step_id, channel, status, ${reasonSql(sql.dialect)} AS reason, CASE WHEN attempts > 0 THEN 1 ELSE 0 END AS attempted, count(*) AS n
     FROM outbox WHERE ${where} AND status IN ('pending', 'skipped', 'dead') GROUP BY 1, 2, 3, 4, 5`,
    params,
  );
  return stepDeliveriesFromRows(
    [...done, ...rest].map((r) => ({
      stepId: String(r.step_id),
      channel: String(r.channel),
      status: r.status as OutboxStatus,
      reason: r.reason === null || r.reason === undefined ? null : reasonFromPrefix(String(r.reason)),
      attempted: Number(r.attempted ?? 1) === 1,
      n: Number(r.n),
    })),
  );
}

/** A page of one step's deliveries, newest first, on either store. */
export async function deliveriesOfStep(
  sql: SqlRunner,
  workspaceId: string,
  filter: StepDeliveryFilter,
): Promise<StepDelivery[]> {
  const where = ["workspace_id = ?", "journey_id = ?", "step_id = ?"];
  const params: unknown[] = [workspaceId, filter.journeyId, filter.stepId];
  if (filter.version !== undefined) {
    where.push("version = ?");
    params.push(filter.version);
  }
  if (filter.outcome !== undefined) {
    const o = outcomeSql(filter.outcome);
    where.push(o.where);
    params.push(...o.params);
  }
  if (filter.before !== undefined) {
    where.push("seq < ?");
    params.push(filter.before);
  }
  params.push(filter.limit);
  const rows = await sql.all(`SELECT * FROM outbox WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`, params);
  return rows.map((r) => {
    const { payload: _payload, ...row } = outboxFromRow(r);
    const reason = deliveryReasonOf(row.lastError);
    return {
      ...row,
      outcome: deliveryStateOf(row.status, reason, row.attempts > 0),
      reason: row.status === "sent" ? null : reason,
    };
  });
}
