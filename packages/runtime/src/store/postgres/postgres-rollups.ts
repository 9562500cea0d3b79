import type { Rollup } from "../report-rollups.ts";

/**
 * Two CTEs adding report counters, hourly and daily, for a statement's WITH: `rows` names the parameter of the rows as
 * JSON, `shard` the one of the writer's shard (decision 0012), so concurrent batches of one hour do not queue on one
 * row's lock. A key appears once per call (RollupFold); the daily rows add the batch's hours of a day up first.
 */
export const rollupCtes = (rows: string, shard: string) => `
rollups_hourly AS (
  INSERT INTO report_rollups (workspace_id, journey_id, hour, step_id, metric, dim, shard, value)
  SELECT w, j, h, st, m, d, ${shard}, n FROM jsonb_to_recordset(${rows}::jsonb) AS x(w text, j text, h bigint, st text, m text, d text, n bigint)
  ON CONFLICT (workspace_id, journey_id, hour, metric, step_id, dim, shard) DO UPDATE SET value = report_rollups.value + excluded.value),
rollups_daily AS (
  INSERT INTO report_rollups_daily (workspace_id, journey_id, day, step_id, metric, dim, shard, value)
  SELECT w, j, (h / 24), st, m, d, ${shard}, sum(n) FROM jsonb_to_recordset(${rows}::jsonb) AS x(w text, j text, h bigint, st text, m text, d text, n bigint)
  GROUP BY w, j, (h / 24), st, m, d
  ON CONFLICT (workspace_id, journey_id, day, metric, step_id, dim, shard) DO UPDATE SET value = report_rollups_daily.value + excluded.value)`;

/** A statement of its own adding counters ($1 rows, $2 shard). */
export const upsertRollupsSql = `WITH ${rollupCtes("$1", "$2::int")} SELECT 1`;

/** The rows of rollupCtes. */
export function rollupRows(rollups: Rollup[]): string {
  return JSON.stringify(rollups);
}

/** Shards a dispatcher batch writes among (it holds no partition lock to name one). */
export const DELIVERY_SHARDS = 8;
