import type { JourneyDocument, LayoutDirection, Step } from "@overture/core";
import type { ElkNode } from "elkjs/lib/elk-api.js";
import type { JourneyChange } from "./journey-change.ts";
import { journeyGraph, type StepSizes } from "./journey-graph.ts";
import { applyJourneyChange } from "./journey-reducer.ts";
import { loadElk } from "./load-elk.ts";
import { stepsOverlap } from "./step-size.ts";

export { estimatedStepHeight, stepsOverlap } from "./step-size.ts";

/** Horizontal distance between step positions and the least vertical one, in canvas pixels (keyboard moves use it). */
export const LAYOUT_SPACING = { x: 300, y: 200 } as const;

type Point = { x: number; y: number };

/** A line as the layout routed it: its corners from the exit's handle to the next step's, and where its label goes. */
export type LineRoute = { points: Point[]; label?: { x: number; y: number; width: number; height: number } };

/** A tidy layout: where each step goes and, keyed by line id (`step:exit`), the route of each line between them. */
export type JourneyLayout = {
  direction: LayoutDirection;
  positions: Map<string, Point>;
  routes: Map<string, LineRoute>;
};

/**
 * Lays the journey out with ELK's layered algorithm (docs/decisions/0020): steps in layers top to bottom or left
 * to right, no two overlapping, lines routed around steps, labels where they overlap nothing. A pure function of the
 * steps and their sizes (as the canvas drew them, else estimated from their text), so it can be computed again to
 * find the routes of a journey laid out earlier.
 */
export async function tidyLayout(steps: Step[], direction: LayoutDirection, sizes?: StepSizes): Promise<JourneyLayout> {
  const laid = await (await loadElk()).layout(journeyGraph(steps, direction, sizes));
  const positions = new Map<string, Point>();
  for (const node of laid.children ?? [])
    positions.set(node.id, { x: Math.round(node.x ?? 0), y: Math.round(node.y ?? 0) });
  const routes = new Map<string, LineRoute>();
  for (const edge of (laid as ElkNode).edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    const label = edge.labels?.[0];
    routes.set(edge.id, {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y })),
      label: label
        ? { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 }
        : undefined,
    });
  }
  return { direction, positions, routes };
}

/** The change that lays the document out afresh in its own direction (or `direction`), as "Tidy layout" does. */
export async function tidyChange(
  document: JourneyDocument,
  direction = directionOf(document),
  sizes?: StepSizes,
): Promise<JourneyChange> {
  const { positions } = await tidyLayout(document.steps, direction, sizes);
  return { type: "tidy-layout", direction, positions: Object.fromEntries(positions) };
}

/** The document laid out afresh: what a journey written by hand, with steps on top of each other, is shown as. */
export async function tidyDocument(
  document: JourneyDocument,
  direction = directionOf(document),
): Promise<JourneyDocument> {
  return applyJourneyChange(document, await tidyChange(document, direction));
}

/** Which way a journey is drawn: as saved with it, top to bottom when it says nothing. */
export function directionOf(document: Pick<JourneyDocument, "layout">): LayoutDirection {
  return document.layout?.direction ?? "vertical";
}

/**
 * True when some step has no position or overlaps another: the document is then shown tidied. Figures are left out,
 * so a layout somebody arranged by hand is kept unless its steps really collide.
 */
export function needsTidy(steps: Step[]): boolean {
  if (steps.some((s) => s.position === undefined)) return steps.length > 0;
  for (let i = 0; i < steps.length; i++)
    for (let j = i + 1; j < steps.length; j++) if (stepsOverlap(steps[i]!, steps[j]!, false)) return true;
  return false;
}
