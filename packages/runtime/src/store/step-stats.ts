import type { HistoryRow } from "./store.ts";

/** Counters are kept per hour: funnels over any window of whole hours add them up. */
export const STAT_BUCKET_MS = 3_600_000;

/** One counter of `step_stats`: how many transitions of a kind and outcome a step had in one hour. */
export type StepStat = { w: string; j: string; v: number; st: string; k: string; o: string; h: number; n: number };

/**
 * A batch's history folded into counters, one per (journey, version, step, kind, outcome, hour). The canvas
 * figures read these few rows instead of counting every fact, and the facts table needs no index by journey and step,
 * whose insert per step was a fifth of what a batch wrote (docs/benchmarks.md).
 */
export function stepStats(history: HistoryRow[]): StepStat[] {
  // Nested maps keyed by the row's own strings rather than one key built per step: this runs for every step of every
  // customer, and the journey's step ids, kinds and outcomes are few strings whose hashes V8 keeps.
  const out: StepStat[] = [];
  const heads = new Map<string, Map<string, Map<string, Map<string, StepStat>>>>();
  let last: HistoryRow | undefined;
  let lastHour = Number.NaN;
  let steps: Map<string, Map<string, Map<string, StepStat>>> | undefined;
  for (const row of history) {
    const h = Math.floor(row.at / STAT_BUCKET_MS);
    if (
      !steps ||
      !last ||
      h !== lastHour ||
      row.workspaceId !== last.workspaceId ||
      row.journeyId !== last.journeyId ||
      row.version !== last.version
    ) {
      const head = `${row.workspaceId}\u0000${row.journeyId}\u0000${row.version}\u0000${h}`;
      steps = heads.get(head) ?? new Map();
      heads.set(head, steps);
    }
    last = row;
    lastHour = h;
    for (const t of row.steps) {
      let kinds = steps.get(t.stepId);
      if (!kinds) {
        kinds = new Map();
        steps.set(t.stepId, kinds);
      }
      let outcomes = kinds.get(t.kind);
      if (!outcomes) {
        outcomes = new Map();
        kinds.set(t.kind, outcomes);
      }
      const stat = outcomes.get(t.outcome);
      if (stat) stat.n++;
      else {
        const fresh = {
          w: row.workspaceId,
          j: row.journeyId,
          v: row.version,
          st: t.stepId,
          k: t.kind,
          o: t.outcome,
          h,
          n: 1,
        };
        outcomes.set(t.outcome, fresh);
        out.push(fresh);
      }
    }
  }
  return out;
}
