import type { Transition } from "@overture/core";
import type { HistoryRow, TransitionRow } from "./store.ts";

/**
 * How a wake-up's steps are kept in one history row (`step_history.steps`): a JSON array of
 * `[step id, kind, outcome, reason]`, in the order they ran. Arrays, not objects: the names would be most of the bytes.
 */
export function encodeSteps(steps: Transition[]): string {
  let out = "[";
  for (let n = 0; n < steps.length; n++) {
    const t = steps[n]!;
    // Step ids, kinds and outcomes are plain identifiers, but a reason is free text: every part goes through stringify.
    out += `${n === 0 ? "" : ","}[${JSON.stringify(t.stepId)},${JSON.stringify(t.kind)},${JSON.stringify(t.outcome)},${JSON.stringify(t.reason)}]`;
  }
  return `${out}]`;
}

/** How many goal facts a wake-up holds: the `goals` column, so conversions are counted through a small partial index. */
export function goalsOf(steps: Transition[]): number {
  let n = 0;
  for (const t of steps) if (t.kind === "goal") n++;
  return n;
}

/** A stored history row back into the transitions it holds, each at the row's time. */
export function unpackHistory(row: Omit<HistoryRow, "steps">, steps: unknown): TransitionRow[] {
  const list = (typeof steps === "string" ? JSON.parse(steps) : steps) as Array<
    [string, TransitionRow["kind"], string, string]
  >;
  return list.map(([stepId, kind, outcome, reason]) => ({
    workspaceId: row.workspaceId,
    instanceId: row.instanceId,
    journeyId: row.journeyId,
    version: row.version,
    customerId: row.customerId,
    stepId,
    kind,
    outcome,
    reason,
    at: row.at,
  }));
}
