import type { Step } from "@overture/core";

/** One way out of a step: its key ("next", "timeout", an arm id, "else"), the label shown, and where it leads. */
export type StepExit = { exit: string; label: string; target: string | null };

/** Every exit a step has, in the order the canvas draws them left to right. */
export function stepExits(step: Step): StepExit[] {
  switch (step.type) {
    case "exit":
      return [];
    case "wait-for-event":
      return [
        { exit: "next", label: "event", target: step.next },
        { exit: "timeout", label: "timeout", target: step.timeoutNext },
      ];
    case "branch":
      return [
        ...step.arms.map((arm) => ({ exit: arm.id, label: arm.label, target: arm.next })),
        { exit: "else", label: step.else?.label ?? "Everyone else", target: step.else?.next ?? null },
      ];
    case "split":
      return step.arms.map((arm) => ({ exit: arm.id, label: `${arm.label} ${arm.percent}%`, target: arm.next }));
    case "goal":
      // A goal that leaves the journey ends it there (core rule I9): no line, handle or picker for a next step.
      return step.exit ? [] : [{ exit: "next", label: "", target: step.next ?? null }];
    default:
      return [{ exit: "next", label: "", target: step.next ?? null }];
  }
}

/** The step with one exit pointed at `target` (null disconnects it); unknown exits leave the step as it was. */
export function setExit(step: Step, exit: string, target: string | null): Step {
  switch (step.type) {
    case "exit":
      return step;
    case "wait-for-event":
      return exit === "timeout" ? { ...step, timeoutNext: target } : exit === "next" ? { ...step, next: target } : step;
    case "branch":
      if (exit === "else") return { ...step, else: { label: step.else?.label ?? "Everyone else", next: target } };
      return { ...step, arms: step.arms.map((arm) => (arm.id === exit ? { ...arm, next: target } : arm)) };
    case "split":
      return { ...step, arms: step.arms.map((arm) => (arm.id === exit ? { ...arm, next: target } : arm)) };
    default:
      return exit === "next" ? { ...step, next: target } : step;
  }
}

/** The step with each connected exit sent through `map` (return null to disconnect, another id to redirect). */
export function mapExits(step: Step, map: (target: string) => string | null): Step {
  let result = step;
  for (const { exit, target } of stepExits(step)) {
    if (target === null) continue;
    const mapped = map(target);
    if (mapped !== target) result = setExit(result, exit, mapped);
  }
  return result;
}
