import { describeStep, type Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";
import { STEP_WIDTH } from "./step-ports.ts";

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

/** A rectangle on the canvas, in canvas pixels. */
export type Box = { x: number; y: number; width: number; height: number };

/** The box a step takes on the canvas at `position` (its own when not given): drawn width, estimated height. */
export function stepBox(step: Step, position = step.position ?? { x: 0, y: 0 }, withFigures = true): Box {
  return { ...position, width: STEP_WIDTH, height: estimatedStepHeight(step, withFigures) };
}

/** True when two boxes overlap, or come closer than `margin` to each other. */
export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

/** True when two steps' boxes (240 px wide, {@link estimatedStepHeight} tall) overlap. */
export function stepsOverlap(a: Step, b: Step, withFigures = true): boolean {
  return boxesOverlap(stepBox(a, undefined, withFigures), stepBox(b, undefined, withFigures));
}
