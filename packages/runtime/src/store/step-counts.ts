import type { StepCount } from "../api.ts";

type Row = Record<string, unknown>;

/** Folds the grouped rows both dialects return into the per-step figures shown on the canvas. */
export function stepCountsFromRows(waiting: Row[], outcomes: Row[], statuses: Row[], converted: number) {
  const steps = new Map<string, StepCount>();
  const at = (stepId: string): StepCount => {
    let s = steps.get(stepId);
    if (!s) {
      s = { stepId, waiting: 0, passed: 0, exited: 0, converted: 0, outcomes: {} };
      steps.set(stepId, s);
    }
    return s;
  };
  for (const r of waiting) at(String(r.step_id)).waiting += Number(r.n);
  for (const r of outcomes) {
    const s = at(String(r.step_id));
    const n = Number(r.n);
    const outcome = String(r.outcome);
    if (r.kind === "step" && outcome !== "waiting") {
      s.passed += n;
      s.outcomes[outcome] = (s.outcomes[outcome] ?? 0) + n;
    } else if (r.kind === "exit" || r.kind === "complete") s.exited += n;
    else if (r.kind === "goal") s.converted += n;
  }
  const byStatus = Object.fromEntries(statuses.map((r) => [String(r.status), Number(r.n)]));
  const count = (s: string) => byStatus[s] ?? 0;
  return {
    steps: [...steps.values()].sort((a, b) => a.stepId.localeCompare(b.stepId)),
    entered: count("active") + count("waiting") + count("completed") + count("exited"),
    active: count("active") + count("waiting"),
    completed: count("completed"),
    exited: count("exited"),
    converted: Number(converted),
  };
}
