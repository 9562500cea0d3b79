import type { Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";

/** Horizontal and vertical distance between step positions, in canvas pixels. */
export const LAYOUT_SPACING = { x: 300, y: 200 } as const;

/**
 * A layered top-down layout: every step goes one layer below the step that first reaches it (breadth first
 * from the triggers, then from any step nobody reaches), and each layer is centred under the first one, in the
 * order its steps were reached, so arms keep their left-to-right order.
 */
export function tidyPositions(steps: Step[]): Map<string, { x: number; y: number }> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const layerOf = new Map<string, number>();
  const layers: string[][] = [];
  const visit = (roots: string[]) => {
    const queue = roots.filter((id) => !layerOf.has(id));
    for (const id of queue) layerOf.set(id, 0);
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const layer = layerOf.get(id) ?? 0;
      layers[layer] = [...(layers[layer] ?? []), id];
      const step = byId.get(id);
      if (!step) continue;
      for (const { target } of stepExits(step)) {
        if (target === null || layerOf.has(target) || !byId.has(target)) continue;
        layerOf.set(target, layer + 1);
        queue.push(target);
      }
    }
  };
  visit(steps.filter((s) => s.type === "trigger").map((s) => s.id));
  for (const step of steps) if (!layerOf.has(step.id)) visit([step.id]);

  const positions = new Map<string, { x: number; y: number }>();
  layers.forEach((ids, layer) => {
    const width = (ids.length - 1) * LAYOUT_SPACING.x;
    for (const [i, id] of ids.entries()) positions.set(id, { x: i * LAYOUT_SPACING.x - width / 2, y: layer * LAYOUT_SPACING.y });
  });
  return positions;
}

/** The room a step takes on the canvas, roughly: closer than this, steps overlap. */
const STEP_BOX = { width: 250, height: 150 } as const;

/** True when some step has no position or overlaps another: the document is then shown tidied. */
export function needsTidy(steps: Step[]): boolean {
  const placed = steps.map((s) => s.position);
  if (placed.some((p) => p === undefined)) return steps.length > 0;
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      if (Math.abs(a.x - b.x) < STEP_BOX.width && Math.abs(a.y - b.y) < STEP_BOX.height) return true;
    }
  return false;
}
