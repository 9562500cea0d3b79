import { durationMs } from "../model/duration.ts";
import type { JourneyDocument } from "../model/journey.ts";
import type { Step } from "../model/step.ts";

/** Where each step leads. */
function exitsOf(step: Step): Array<string | null | undefined> {
  switch (step.type) {
    case "wait-for-event":
      return [step.next, step.timeoutNext];
    case "branch":
      return [...step.arms.map((a) => a.next), step.else?.next];
    case "split":
      return step.arms.map((a) => a.next);
    case "exit":
      return [];
    default:
      return [step.next];
  }
}

/** The least time a step holds a customer before they can go on (a wait for an event may end at once). */
function holdMs(step: Step): number {
  return step.type === "wait" && step.wait.type === "duration" ? durationMs(step.wait.duration) : 0;
}

/**
 * For each step, the soonest a customer can reach it after entering, in milliseconds: the sum of the fixed waits
 * on the quickest path from a trigger. Steps no trigger leads to are left out.
 */
export function reachOffsets(document: JourneyDocument): Map<string, number> {
  const byId = new Map(document.steps.map((s) => [s.id, s]));
  const offsets = new Map<string, number>();
  const queue: string[] = [];
  for (const step of document.steps)
    if (step.type === "trigger") {
      offsets.set(step.id, 0);
      queue.push(step.id);
    }
  // Relaxation on a small graph; loops are refused by validation but cannot make this run forever either.
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) {
    const id = queue.shift() as string;
    const step = byId.get(id);
    if (!step) continue;
    const at = (offsets.get(id) ?? 0) + holdMs(step);
    for (const next of exitsOf(step)) {
      if (!next || !byId.has(next)) continue;
      const known = offsets.get(next);
      if (known === undefined || at < known) {
        offsets.set(next, at);
        queue.push(next);
      }
    }
  }
  return offsets;
}
