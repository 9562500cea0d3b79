import type { TransitionRow } from "./store.ts";

/** Counters are kept per hour: funnels over any window of whole hours add them up. */
export const STAT_BUCKET_MS = 3_600_000;

/** One counter of `step_stats`: how many transitions of a kind and outcome a step had in one hour. */
export type StepStat = { w: string; j: string; v: number; st: string; k: string; o: string; h: number; n: number };

/**
 * A batch's transitions folded into counters, one per (journey, version, step, kind, outcome, hour). The canvas
 * figures read these few rows instead of counting every fact, and the facts table needs no index by journey and step,
 * whose insert per step was a fifth of what a batch wrote (docs/benchmarks.md).
 */
export function stepStats(transitions: TransitionRow[]): StepStat[] {
  // Nested maps keyed by the row's own strings rather than one key built per row: this runs for every step of every
  // customer, and the journey's step ids, kinds and outcomes are few strings whose hashes V8 keeps.
  const out: StepStat[] = [];
  const heads = new Map<string, Map<string, Map<string, Map<string, StepStat>>>>();
  let last: TransitionRow | undefined;
  let lastHour = Number.NaN;
  let steps: Map<string, Map<string, Map<string, StepStat>>> | undefined;
  for (const t of transitions) {
    const h = Math.floor(t.at / STAT_BUCKET_MS);
    if (!steps || !last || h !== lastHour || t.workspaceId !== last.workspaceId || t.journeyId !== last.journeyId || t.version !== last.version) {
      const head = `${t.workspaceId}\u0000${t.journeyId}\u0000${t.version}\u0000${h}`;
      steps = heads.get(head);
      if (!steps) heads.set(head, (steps = new Map()));
    }
    last = t;
    lastHour = h;
    let kinds = steps.get(t.stepId);
    if (!kinds) steps.set(t.stepId, (kinds = new Map()));
    let outcomes = kinds.get(t.kind);
    if (!outcomes) kinds.set(t.kind, (outcomes = new Map()));
    const stat = outcomes.get(t.outcome);
    if (stat) stat.n++;
    else {
      const fresh = { w: t.workspaceId, j: t.journeyId, v: t.version, st: t.stepId, k: t.kind, o: t.outcome, h, n: 1 };
      outcomes.set(t.outcome, fresh);
      out.push(fresh);
    }
  }
  return out;
}
