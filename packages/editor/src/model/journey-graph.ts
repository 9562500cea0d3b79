import type { LayoutDirection, Step } from "@overture/core";
import type { ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk-api.js";
import { stepExits } from "./step-exits.ts";
import { entryPort, exitPort, STEP_WIDTH, sideHeight } from "./step-ports.ts";
import { estimatedStepHeight } from "./step-size.ts";

/**
 * ELK's layered algorithm with orthogonal lines: steps in layers along the journey's direction, lines routed in the
 * gaps between steps (never behind one), exit labels given room of their own, steps and arms kept in the order they
 * were written. Spacing leaves room for the labels and figures on the lines.
 */
const OPTIONS = {
  "elk.algorithm": "layered",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  "elk.spacing.nodeNode": "56",
  "elk.layered.spacing.nodeNodeBetweenLayers": "48",
  "elk.spacing.edgeNode": "20",
  "elk.layered.spacing.edgeNodeBetweenLayers": "18",
  "elk.spacing.edgeEdge": "16",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "14",
  "elk.spacing.edgeLabel": "6",
  "elk.json.edgeCoords": "ROOT",
} as const;

/**
 * How much larger than its own size a label on a line is drawn at most, zoomed out (canvas/RouteEdge.tsx): twice, so
 * at the least zoom (0.5) it is as large on screen as at 100%.
 */
export const LABEL_GROWTH = 2;

/**
 * Room a label on a line takes: its text, and the figures ("· 1,234") a published or simulated journey adds to it,
 * as large as it is drawn zoomed out, so a grown label still overlaps nothing.
 */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil((text.length * 6.6 + 16 + 48) * LABEL_GROWTH), height: 22 * LABEL_GROWTH };
}

/** The id the canvas gives the line leaving `stepId` by `exit`; routes are keyed by it. */
export function lineId(stepId: string, exit: string): string {
  return `${stepId}:${exit}`;
}

/** Steps' sizes as the canvas drew them, by step id (canvas pixels). */
export type StepSizes = ReadonlyMap<string, { width: number; height: number }>;

/**
 * How tall the layout takes a step to be: as drawn when the canvas measured it, and at least as estimated from its
 * text with figures; left to right, at least enough for its exits.
 */
export function layoutHeight(step: Step, direction: LayoutDirection, sizes?: StepSizes): number {
  // At least the estimate, which holds the figures a published or simulated journey adds later: a draft's steps are
  // measured without them, and steps laid out that tight grew into each other once the journey ran.
  const measured = sizes?.get(step.id)?.height ?? 0;
  const height = Math.ceil(Math.max(measured, estimatedStepHeight(step)));
  return direction === "vertical" ? height : Math.max(height, sideHeight(stepExits(step).length));
}

/**
 * The journey as an ELK graph: a node per step with a port where each handle is drawn (fixed, so routed lines meet
 * the handles), and an edge per connected exit carrying its label. Lines to steps that do not exist are left out.
 */
export function journeyGraph(steps: Step[], direction: LayoutDirection, sizes?: StepSizes): ElkNode {
  const ids = new Set(steps.map((s) => s.id));
  const [inSide, outSide] = direction === "vertical" ? ["NORTH", "SOUTH"] : ["WEST", "EAST"];
  const edges: ElkExtendedEdge[] = [];
  const children: ElkNode[] = steps.map((step) => {
    const height = layoutHeight(step, direction, sizes);
    const exits = stepExits(step);
    const ports: ElkPort[] = exits.map((e, i) =>
      port(`${step.id}>${e.exit}`, exitPort(direction, i, exits.length, height), outSide),
    );
    if (step.type !== "trigger") ports.unshift(port(`${step.id}<`, entryPort(direction), inSide));
    for (const e of exits) {
      if (e.target === null || !ids.has(e.target)) continue;
      edges.push({
        id: lineId(step.id, e.exit),
        sources: [`${step.id}>${e.exit}`],
        targets: [`${e.target}<`],
        labels: e.label
          ? [
              {
                id: `${lineId(step.id, e.exit)}#label`,
                text: e.label,
                ...labelSize(e.label),
                layoutOptions: { "elk.edgeLabels.inline": "true" },
              },
            ]
          : [],
      });
    }
    return { id: step.id, width: STEP_WIDTH, height, ports, layoutOptions: { "elk.portConstraints": "FIXED_POS" } };
  });
  // A trigger has no way in: a line aimed at one is dropped rather than given a port the canvas does not draw.
  const withEntry = new Set(steps.filter((s) => s.type !== "trigger").map((s) => s.id));
  return {
    id: "journey",
    layoutOptions: { ...OPTIONS, "elk.direction": direction === "vertical" ? "DOWN" : "RIGHT" },
    children,
    edges: edges.filter((e) => withEntry.has((e.targets[0] as string).slice(0, -1))),
  };
}

function port(id: string, at: { x: number; y: number }, side: string): ElkPort {
  return { id, x: at.x, y: at.y, width: 0, height: 0, layoutOptions: { "elk.port.side": side } };
}
