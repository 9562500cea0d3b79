import { describeStep, type Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";

/** Horizontal distance between step positions and the least vertical one, in canvas pixels. */
export const LAYOUT_SPACING = { x: 300, y: 200 } as const;
/** Room between a row's tallest step and the next row, for the exit labels and counts on the edges. */
const ROW_GAP = 70;
/** A step is drawn 240 px wide; this is how many characters of its name and summary fit on a line, conservatively. */
const CHARS_PER_LINE = { name: 22, summary: 32 } as const;
/** The figures block of a published or simulated journey's step. */
const FIGURES_HEIGHT = 64;

/**
 * How tall a step is drawn, estimated from its text (the canvas is not measured here, so the layout stays a pure
 * function of the document): header, wrapped name and summary, the figures a published or simulated journey shows,
 * and the exit labels. Errs on the tall side: too much room is harmless, too little makes steps overlap.
 */
export function estimatedStepHeight(step: Step, withFigures = true): number {
  const lines = (text: string, perLine: number) => Math.max(1, Math.ceil(text.length / perLine));
  let summary: string;
  try {
    summary = describeStep(step);
  } catch {
    summary = step.type;
  }
  const exits = stepExits(step);
  const labelled = exits.length > 1 || exits.some((e) => e.label !== "");
  return (
    48 +
    lines(step.name || step.id, CHARS_PER_LINE.name) * 19 +
    lines(summary, CHARS_PER_LINE.summary) * 17 +
    (withFigures ? FIGURES_HEIGHT : 0) +
    (labelled ? 22 : 0)
  );
}

/**
 * A layered top-down layout: every step goes one layer below the step that first reaches it (breadth first
 * from the triggers, then from any step nobody reaches), and each layer is centred under the first one, in the
 * order its steps were reached, so arms keep their left-to-right order. Each row starts below the tallest step of
 * the row above, so steps never overlap whatever their length.
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
  let y = 0;
  for (const ids of layers) {
    const width = (ids.length - 1) * LAYOUT_SPACING.x;
    for (const [i, id] of ids.entries()) positions.set(id, { x: i * LAYOUT_SPACING.x - width / 2, y });
    const tallest = Math.max(...ids.map((id) => estimatedStepHeight(byId.get(id) as Step)));
    y += Math.max(LAYOUT_SPACING.y, tallest + ROW_GAP);
  }
  return positions;
}

/** How wide a step is drawn, with a little room: closer than this side by side, steps overlap. */
const STEP_WIDTH = 250;

/** True when two steps' boxes (240 px wide, {@link estimatedStepHeight} tall) overlap. */
export function stepsOverlap(a: Step, b: Step, withFigures = true): boolean {
  const pa = a.position ?? { x: 0, y: 0 };
  const pb = b.position ?? { x: 0, y: 0 };
  const upper = pa.y <= pb.y ? a : b;
  return Math.abs(pa.x - pb.x) < STEP_WIDTH && Math.abs(pa.y - pb.y) < estimatedStepHeight(upper, withFigures);
}

/**
 * True when some step has no position or overlaps another: the document is then shown tidied. Figures are left out,
 * so a layout somebody arranged by hand is kept unless its steps really collide.
 */
export function needsTidy(steps: Step[]): boolean {
  if (steps.some((s) => s.position === undefined)) return steps.length > 0;
  for (let i = 0; i < steps.length; i++) for (let j = i + 1; j < steps.length; j++) if (stepsOverlap(steps[i]!, steps[j]!, false)) return true;
  return false;
}
