import { HOURS_PER_DAY } from "../store/report-rollups.ts";
import type { SqlRunner } from "../store/sql-runner.ts";

/**
 * The reports' reads: sums of the counters of step_stats and report_rollups over a range of hours, never a scan of
 * events or history (docs/decisions/0039). Whole days come from the daily counters, the partial days at the range's
 * ends from the hourly ones. Sums come back as numbers on both stores (PostgreSQL's bigint sums arrive as text);
 * shards of a key are added up by the GROUP BY.
 */
export type HourRange = { first: number; end: number };

export type StepTotal = { stepId: string; kind: string; outcome: string; n: number };
export type RollupRow = { hour: number; journeyId: string; stepId: string; metric: string; dim: string; n: number };

type Grouping = "hour" | "journey_id" | "step_id" | "metric" | "dim";

/**
 * Sums of report counters over `hours`, grouped by `by`, of the rows `filter` keeps (SQL over journey_id, step_id,
 * metric, dim with `?` parameters). `byHour` keeps hours apart (hourly series): then only hourly counters are read;
 * otherwise a grouped `hour` is the start hour of its day for the days read whole.
 */
export async function sumRollups(
  sql: SqlRunner,
  workspaceId: string,
  hours: HourRange,
  query: { by: Grouping[]; filter: string; params: unknown[]; byHour?: boolean },
): Promise<RollupRow[]> {
  const firstDay = Math.ceil(hours.first / HOURS_PER_DAY);
  const endDay = Math.floor(hours.end / HOURS_PER_DAY);
  const days = !query.byHour && endDay > firstDay;
  const hourly = (from: number, to: number) => ({
    text: `SELECT hour, journey_id, step_id, metric, dim, value FROM report_rollups
      WHERE workspace_id = ? AND hour >= ? AND hour < ? AND ${query.filter}`,
    params: [workspaceId, from, to, ...query.params],
  });
  const parts = days
    ? [
        hourly(hours.first, firstDay * HOURS_PER_DAY),
        {
          text: `SELECT day * ${HOURS_PER_DAY} AS hour, journey_id, step_id, metric, dim, value FROM report_rollups_daily
            WHERE workspace_id = ? AND day >= ? AND day < ? AND ${query.filter}`,
          params: [workspaceId, firstDay, endDay, ...query.params],
        },
        hourly(endDay * HOURS_PER_DAY, hours.end),
      ]
    : [hourly(hours.first, hours.end)];
  const by = query.by.join(", ");
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT ${by}, sum(value) AS n FROM (${parts.map((p) => p.text).join(" UNION ALL ")}) AS r GROUP BY ${by}`,
    parts.flatMap((p) => p.params),
  );
  return rows.map((r) => ({
    hour: Number(r.hour ?? 0),
    journeyId: String(r.journey_id ?? ""),
    stepId: String(r.step_id ?? ""),
    metric: String(r.metric ?? ""),
    dim: String(r.dim ?? ""),
    n: Number(r.n),
  }));
}

/** `?, ?, ?` for a list. */
export function marks(list: readonly unknown[]): string {
  return list.map(() => "?").join(", ");
}

/** Per step, kind and outcome: the journey's transitions in the range (funnel, arms, completions). */
export async function stepTotals(sql: SqlRunner, w: string, j: string, hours: HourRange): Promise<StepTotal[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT step_id, kind, outcome, sum(n) AS n FROM step_stats
     WHERE workspace_id = ? AND journey_id = ? AND hour >= ? AND hour < ? GROUP BY step_id, kind, outcome`,
    [w, j, hours.first, hours.end],
  );
  return rows.map((r) => ({
    stepId: String(r.step_id),
    kind: String(r.kind),
    outcome: String(r.outcome),
    n: Number(r.n),
  }));
}
