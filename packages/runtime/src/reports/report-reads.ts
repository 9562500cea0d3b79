import { METRIC } from "../store/report-rollups.ts";
import type { SqlRunner } from "../store/sql-runner.ts";

/**
 * The reports' reads: sums of the hourly counters of step_stats and report_rollups over a range of hours, never a
 * scan of events or history (docs/decisions/0039). Sums come back as numbers on both stores (PostgreSQL's bigint
 * sums arrive as text). Shards of a key are added up by the GROUP BY.
 */
export type HourRange = { first: number; end: number };

export type StepTotal = { stepId: string; kind: string; outcome: string; n: number };
export type HourCount = { hour: number; what: string; n: number };
export type RollupTotal = { stepId: string; metric: string; dim: string; n: number };

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

/** Per hour: entries (the trigger steps' transitions) as `entries`, conversions as `goal`. */
export async function entriesAndGoalsByHour(
  sql: SqlRunner,
  w: string,
  j: string,
  hours: HourRange,
  triggerStepIds: string[],
): Promise<HourCount[]> {
  const triggers = triggerStepIds.length > 0 ? triggerStepIds : [""];
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT hour, kind, sum(n) AS n FROM step_stats
     WHERE workspace_id = ? AND journey_id = ? AND hour >= ? AND hour < ?
       AND (kind = 'goal' OR (kind = 'step' AND step_id IN (${triggers.map(() => "?").join(", ")})))
     GROUP BY hour, kind`,
    [w, j, hours.first, hours.end, ...triggers],
  );
  return rows.map((r) => ({ hour: Number(r.hour), what: r.kind === "goal" ? "goal" : "entries", n: Number(r.n) }));
}

/** Per hour: the conversion time sums and counts (`convert_ms`, `convert_n`). */
export async function conversionTimesByHour(sql: SqlRunner, w: string, j: string, hours: HourRange) {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT hour, metric, sum(value) AS n FROM report_rollups
     WHERE workspace_id = ? AND journey_id = ? AND hour >= ? AND hour < ? AND metric IN (?, ?)
     GROUP BY hour, metric`,
    [w, j, hours.first, hours.end, METRIC.convertMs, METRIC.convertN],
  );
  return rows.map((r): HourCount => ({ hour: Number(r.hour), what: String(r.metric), n: Number(r.n) }));
}

/** Per step, metric and dimension: the journey's counters in the range (messages, split conversions). */
export async function rollupTotals(sql: SqlRunner, w: string, j: string, hours: HourRange): Promise<RollupTotal[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT step_id, metric, dim, sum(value) AS n FROM report_rollups
     WHERE workspace_id = ? AND journey_id = ? AND hour >= ? AND hour < ? GROUP BY step_id, metric, dim`,
    [w, j, hours.first, hours.end],
  );
  return rows.map((r) => ({ stepId: String(r.step_id), metric: String(r.metric), dim: String(r.dim), n: Number(r.n) }));
}

/** Per hour and dimension, across the workspace's journeys: one metric (messages sent per channel). */
export async function metricByHour(sql: SqlRunner, w: string, metric: string, hours: HourRange) {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT hour, dim, sum(value) AS n FROM report_rollups
     WHERE workspace_id = ? AND metric = ? AND hour >= ? AND hour < ? GROUP BY hour, dim`,
    [w, metric, hours.first, hours.end],
  );
  return rows.map((r) => ({ hour: Number(r.hour), dim: String(r.dim), n: Number(r.n) }));
}

/** Per step (content id for content metrics) and metric, across the workspace: the given metrics' totals. */
export async function metricTotals(sql: SqlRunner, w: string, metrics: string[], hours: HourRange) {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT step_id, metric, sum(value) AS n FROM report_rollups
     WHERE workspace_id = ? AND metric IN (${metrics.map(() => "?").join(", ")}) AND hour >= ? AND hour < ?
     GROUP BY step_id, metric`,
    [w, ...metrics, hours.first, hours.end],
  );
  return rows.map((r) => ({ stepId: String(r.step_id), metric: String(r.metric), n: Number(r.n) }));
}

/** Per journey: entries through the given trigger steps and conversions, across the workspace. */
export async function journeyEntriesAndGoals(sql: SqlRunner, w: string, hours: HourRange) {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT journey_id, step_id, kind, sum(n) AS n FROM step_stats
     WHERE workspace_id = ? AND hour >= ? AND hour < ? AND kind IN ('step', 'goal')
     GROUP BY journey_id, step_id, kind`,
    [w, hours.first, hours.end],
  );
  return rows.map((r) => ({
    journeyId: String(r.journey_id),
    stepId: String(r.step_id),
    kind: String(r.kind),
    n: Number(r.n),
  }));
}
