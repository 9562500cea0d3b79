import type { Rollup } from "../report-rollups.ts";

/**
 * Adds report counters in one statement: `rows` the parameter of the rows as JSON, `shard` the one of the writer's
 * shard (decision 0012), so concurrent batches of one hour do not queue on one row's lock. A key appears once per call
 * (RollupFold).
 */
export const upsertRollupsSql = (
  rows: string,
  shard: string,
) => `INSERT INTO report_rollups (workspace_id, journey_id, hour, step_id, metric, dim, shard, value)
  SELECT w, j, h, st, m, d, ${shard}, n FROM jsonb_to_recordset(${rows}::jsonb) AS x(w text, j text, h bigint, st text, m text, d text, n bigint)
  ON CONFLICT (workspace_id, journey_id, hour, metric, step_id, dim, shard) DO UPDATE SET value = report_rollups.value + excluded.value`;

/** The rows of upsertRollupsSql. */
export function rollupRows(rollups: Rollup[]): string {
  return JSON.stringify(rollups);
}

/** Shards a dispatcher batch writes among (it holds no partition lock to name one). */
export const DELIVERY_SHARDS = 8;
