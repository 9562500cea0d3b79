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
  const byKey = new Map<string, StepStat>();
  for (const t of transitions) {
    const h = Math.floor(t.at / STAT_BUCKET_MS);
    const key = `${t.workspaceId}\u0000${t.journeyId}\u0000${t.version}\u0000${t.stepId}\u0000${t.kind}\u0000${t.outcome}\u0000${h}`;
    const stat = byKey.get(key);
    if (stat) stat.n++;
    else byKey.set(key, { w: t.workspaceId, j: t.journeyId, v: t.version, st: t.stepId, k: t.kind, o: t.outcome, h, n: 1 });
  }
  return [...byKey.values()];
}
