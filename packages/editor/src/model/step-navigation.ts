import type { JourneyDocument, Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";
import { LAYOUT_SPACING } from "./tidy-layout.ts";

/**
 * How the keyboard moves between steps: `next`/`previous` in reading order (Tab), `down` along the first connected
 * exit, `up` back to a step that leads here, `left`/`right` to the nearest step beside it on the canvas.
 */
export type StepMove = "next" | "previous" | "down" | "up" | "left" | "right";

/** The steps in the order a reader follows them: from the triggers along the exits, then any step nobody reaches. */
export function readingOrder(steps: Step[]): string[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const order: string[] = [];
  // Depth first, exits left to right, so one arm is read to its end before the next begins.
  const visit = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (seen.has(current) || !byId.has(current)) continue;
      seen.add(current);
      order.push(current);
      const targets = stepExits(byId.get(current) as Step).map((e) => e.target);
      for (const target of targets.reverse()) if (target !== null && !seen.has(target)) stack.push(target);
    }
  };
  for (const step of steps) if (step.type === "trigger") visit(step.id);
  for (const step of steps) visit(step.id);
  return order;
}

/** The step a key press moves to from `from` (null: nothing selected yet), or null when there is none that way. */
export function neighbourStep(document: JourneyDocument, from: string | null, move: StepMove): string | null {
  const order = readingOrder(document.steps);
  const current = from === null ? undefined : document.steps.find((s) => s.id === from);
  if (!current) return (move === "previous" ? order.at(-1) : order[0]) ?? null;
  const index = order.indexOf(current.id);
  switch (move) {
    case "next":
      return order[index + 1] ?? null;
    case "previous":
      return index > 0 ? (order[index - 1] ?? null) : null;
    case "down":
      return stepExits(current).find((e) => e.target !== null && order.includes(e.target))?.target ?? null;
    case "up":
      return (
        order.find((id) =>
          stepExits(document.steps.find((s) => s.id === id) as Step).some((e) => e.target === current.id),
        ) ?? null
      );
    case "left":
    case "right":
      return besideOf(document.steps, current, move === "left" ? -1 : 1);
  }
}

/** The nearest step in the same row (within half a layer), on the given side. */
function besideOf(steps: Step[], current: Step, side: -1 | 1): string | null {
  const here = current.position ?? { x: 0, y: 0 };
  let best: { id: string; distance: number } | null = null;
  for (const step of steps) {
    const p = step.position ?? { x: 0, y: 0 };
    const dx = (p.x - here.x) * side;
    if (step.id === current.id || dx <= 0 || Math.abs(p.y - here.y) >= LAYOUT_SPACING.y / 2) continue;
    if (!best || dx < best.distance) best = { id: step.id, distance: dx };
  }
  return best?.id ?? null;
}
