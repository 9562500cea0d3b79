import type { SqlRunner } from "./sql-runner.ts";
import type { RedriveFilter } from "./store.ts";

/** Claims after an expired lease before a row is quarantined (Store.claimOutbox's `maxCrashes`). */
export const DEFAULT_MAX_CRASHES = 3;

/** The last error of a quarantined row, as SQL over the row's columns before the update (both dialects). */
export const QUARANTINE_REASON = "'delivery crashed or hung ' || (crashes + 1) || ' times; quarantined'";

/**
 * Re-drives dead letters on either store (one statement, the same SQL on both): every dead row matching `filter`
 * goes back to pending at `now` with a fresh retry window, or is only counted when `dryRun`. Its last error is
 * kept until the next attempt, so the listing still says why it had died.
 */
export async function redriveOutbox(
  sql: SqlRunner,
  filter: RedriveFilter,
  now: number,
  options: { dryRun?: boolean } = {},
): Promise<number> {
  const where = ["status = 'dead'"];
  const params: unknown[] = [];
  const equal = (column: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  equal("workspace_id", filter.workspaceId);
  equal("seq", filter.seq);
  equal("channel", filter.channel);
  equal("journey_id", filter.journeyId);
  equal("step_id", filter.stepId);
  equal("customer_id", filter.customerId);
  if (filter.errorContains !== undefined) {
    where.push("lower(coalesce(last_error, '')) LIKE ? ESCAPE '\\'");
    params.push(`%${filter.errorContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.deadSince !== undefined) {
    where.push("dead_at >= ?");
    params.push(filter.deadSince);
  }
  if (filter.deadUntil !== undefined) {
    where.push("dead_at < ?");
    params.push(filter.deadUntil);
  }
  if (filter.limit !== undefined) params.push(filter.limit);
  const chosen = `SELECT seq FROM outbox WHERE ${where.join(" AND ")} ORDER BY seq${filter.limit !== undefined ? " LIMIT ?" : ""}`;
  if (options.dryRun) {
    const [row] = await sql.all<{ n: unknown }>(`SELECT count(*) AS n FROM (${chosen}) AS chosen`, params);
    return Number(row?.n ?? 0);
  }
  return sql.run(
    `UPDATE outbox SET status = 'pending', attempts = 0, crashes = 0, first_attempt_at = NULL, dead_at = NULL, lease_until = NULL, next_attempt_at = ?
     WHERE seq IN (${chosen})`,
    [now, ...params],
  );
}
