import { channelStepSpec, type JourneyDocument, splitSignificance } from "@overture/core";
import { METRIC } from "../store/report-rollups.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import { bucketOf, bucketsOf, hoursOf } from "./report-range.ts";
import { marks, type RollupRow, type StepTotal, stepTotals, sumRollups } from "./report-reads.ts";
import type {
  FunnelStep,
  JourneyReport,
  MessageOutcomes,
  ReportPoint,
  ReportRange,
  SplitReport,
} from "./report-types.ts";
import { rate } from "./report-types.ts";

type Step = JourneyDocument["steps"][number];
const WAITING_TYPES = new Set(["wait", "wait-for-event"]);

/** A journey's report over a range: four grouped reads of the hourly counters, assembled with the journey's steps. */
export async function buildJourneyReport(
  sql: SqlRunner,
  workspaceId: string,
  journeyId: string,
  document: Pick<JourneyDocument, "steps" | "settings"> | null,
  range: ReportRange,
): Promise<JourneyReport> {
  const steps = document?.steps ?? [];
  const hours = hoursOf(range);
  const seriesMetrics = [METRIC.entered, METRIC.convertN, METRIC.convertMs];
  const [byHour, totals, rollups] = await Promise.all([
    sumRollups(sql, workspaceId, hours, {
      by: ["hour", "metric"],
      filter: `journey_id = ? AND metric IN (${marks(seriesMetrics)})`,
      params: [journeyId, ...seriesMetrics],
      byHour: range.interval === "hour",
    }),
    stepTotals(sql, workspaceId, journeyId, hours),
    sumRollups(sql, workspaceId, hours, {
      by: ["step_id", "metric", "dim"],
      filter: "journey_id = ?",
      params: [journeyId],
    }),
  ]);
  const series = seriesOf(range, byHour);
  const sum = (kind: string) => totals.reduce((a, t) => (t.kind === kind ? a + t.n : a), 0);
  const metric = (m: string) => byHour.reduce((a, r) => (r.metric === m ? a + r.n : a), 0);
  const entries = metric(METRIC.entered);
  const conversions = metric(METRIC.convertN);
  const convertMs = metric(METRIC.convertMs);
  return {
    journeyId,
    from: range.from,
    to: range.to,
    interval: range.interval,
    totals: {
      entries,
      conversions,
      conversionRate: rate(conversions, entries),
      avgTimeToConvertMs: conversions > 0 ? convertMs / conversions : null,
      completed: sum("complete"),
      exited: sum("exit"),
    },
    series,
    funnel: funnelOf(steps, totals),
    messages: messagesOf(steps, rollups),
    splits: splitsOf(steps, totals, rollups, document?.settings.goal?.name ?? null),
  };
}

function seriesOf(range: ReportRange, byHour: RollupRow[]): ReportPoint[] {
  const points = new Map<number, { entries: number; conversions: number; ms: number }>();
  for (const at of bucketsOf(range)) points.set(at, { entries: 0, conversions: 0, ms: 0 });
  for (const r of byHour) {
    const p = points.get(bucketOf(r.hour, range.interval));
    if (!p) continue;
    if (r.metric === METRIC.entered) p.entries += r.n;
    else if (r.metric === METRIC.convertN) p.conversions += r.n;
    else p.ms += r.n;
  }
  return [...points].map(([at, p]) => ({
    at,
    entries: p.entries,
    conversions: p.conversions,
    conversionRate: rate(p.conversions, p.entries),
    avgTimeToConvertMs: p.conversions > 0 ? p.ms / p.conversions : null,
  }));
}

/**
 * How many customers reached each step, in the document's order. A wait records "waiting" when entered and its exit
 * when resumed (or only the exit when its date had passed): it counts the larger of the two. An exit step (and a goal
 * step that ends the journey) records its ending rather than a step; a goal step its goal.
 */
function reachedOf(step: Step, totals: StepTotal[]): number {
  let waiting = 0;
  let passed = 0;
  let goal = 0;
  let complete = 0;
  for (const t of totals) {
    if (t.stepId !== step.id) continue;
    if (t.kind === "step") {
      if (t.outcome === "waiting") waiting += t.n;
      else passed += t.n;
    } else if (t.kind === "goal") goal += t.n;
    else if (t.kind === "complete") complete += t.n;
  }
  if (WAITING_TYPES.has(step.type)) return Math.max(waiting, passed);
  if (step.type === "exit") return complete;
  if (step.type === "goal") return Math.max(goal, passed);
  return passed;
}

function funnelOf(steps: Step[], totals: StepTotal[]): FunnelStep[] {
  const reached = new Map(steps.map((s) => [s.id, reachedOf(s, totals)]));
  return steps.map((s) => {
    const here = reached.get(s.id) ?? 0;
    const next = successorsOf(s);
    const onwards = next.reduce((a, id) => a + (reached.get(id) ?? 0), 0);
    // A last step (an exit, a step without a next) ends the journey: finishing is not dropping off.
    const dropOff = next.length === 0 ? 0 : Math.max(0, here - onwards);
    return {
      stepId: s.id,
      name: s.name ?? s.id,
      type: s.type,
      reached: here,
      dropOff,
      dropOffRate: rate(dropOff, here),
    };
  });
}

/** The steps a step leads to: its `next`, `timeoutNext`, its arms' and its else arm's. */
function successorsOf(step: Step): string[] {
  const out: string[] = [];
  const fields = step as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields))
    if ((key === "next" || key.endsWith("Next")) && typeof value === "string") out.push(value);
  for (const arm of [...((fields.arms as Array<{ next?: unknown }>) ?? []), fields.else as { next?: unknown }])
    if (arm && typeof arm.next === "string") out.push(arm.next);
  return [...new Set(out)];
}

function messagesOf(steps: Step[], rollups: RollupRow[]): MessageOutcomes[] {
  return steps.flatMap((s) => {
    const spec = channelStepSpec(s.type);
    if (!spec) return [];
    const mine = rollups.filter((r) => r.stepId === s.id);
    const get = (metric: string) => mine.reduce((a, r) => (r.metric === metric ? a + r.n : a), 0);
    const skippedByReason: Record<string, number> = {};
    for (const r of mine) if (r.metric === METRIC.skipped) skippedByReason[r.dim] = (skippedByReason[r.dim] ?? 0) + r.n;
    const sent = get(METRIC.sent);
    const delivered = get(METRIC.delivered);
    const m = {
      sent,
      delivered,
      deferred: get(METRIC.deferred),
      skipped: Object.values(skippedByReason).reduce((a, b) => a + b, 0),
      bounced: get(METRIC.bounced),
      failed: get(METRIC.failed),
      opened: get(METRIC.opened),
      clicked: get(METRIC.clicked),
      unsubscribed: get(METRIC.unsubscribed),
    };
    return [
      {
        stepId: s.id,
        name: s.name ?? s.id,
        channel: spec.channel,
        ...m,
        skippedByReason,
        rates: {
          delivered: rate(delivered, sent),
          bounced: rate(m.bounced, sent),
          opened: rate(m.opened, delivered),
          clicked: rate(m.clicked, delivered),
          unsubscribed: rate(m.unsubscribed, delivered),
        },
      },
    ];
  });
}

function splitsOf(steps: Step[], totals: StepTotal[], rollups: RollupRow[], goal: string | null): SplitReport[] {
  return steps.flatMap((s) => {
    if (s.type !== "split") return [];
    const arms = s.arms.map((arm) => {
      const entered = totals.reduce(
        (a, t) => (t.stepId === s.id && t.kind === "step" && t.outcome === arm.id ? a + t.n : a),
        0,
      );
      const converted = rollups.reduce(
        (a, r) => (r.stepId === s.id && r.metric === METRIC.splitConverted && r.dim === arm.id ? a + r.n : a),
        0,
      );
      return { armId: arm.id, label: arm.label, entered, converted, conversionRate: rate(converted, entered) };
    });
    return [{ stepId: s.id, name: s.name ?? s.id, goal, arms, significance: splitSignificance(arms) }];
  });
}
