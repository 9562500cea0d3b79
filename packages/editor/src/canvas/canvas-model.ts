import {
  describeStep,
  type JourneyDocument,
  type JourneyProblem,
  type LayoutDirection,
  type Step,
  type StepNames,
} from "@overture/core";
import type { Node } from "@xyflow/react";
import type { StepDeliveries, StepStats } from "../api/api-client.ts";
import { stepTypeLabel } from "../model/new-step.ts";
import { stepExits } from "../model/step-exits.ts";
import { directionOf, type JourneyLayout } from "../model/tidy-layout.ts";
import type { RouteLine } from "./RouteEdge.tsx";

/** Where the figures on the steps come from: the running version, or a simulation of the draft. */
export type StatsSource = "live" | "simulation";

/** Figures of one step; a simulation also says how many reached it, the running version what became of its deliveries. */
export type StepFigures = StepStats & { reached?: number; deliveries?: StepDeliveries };

/** A problem as a step shows it: the step it is on, and what is wrong in words (the badge's tooltip). */
export type CanvasProblem = Pick<JourneyProblem, "stepId" | "message">;

/** What a step node draws: the step, its summary, its problems and, on a published or simulated journey, its figures. */
export type StepNodeData = {
  step: Step;
  typeLabel: string;
  summary: string;
  problems: CanvasProblem[];
  stats?: StepFigures;
  statsSource?: StatsSource;
  /** Which way the journey is laid out: where the step's handles go. */
  direction: LayoutDirection;
};
export type StepNode = Node<StepNodeData, "step">;

/** The plain-language summary of a step; a half-edited draft step may not have every field yet. */
export function summarize(step: Step, names?: StepNames): string {
  try {
    return describeStep(step, names);
  } catch {
    return stepTypeLabel(step.type) ?? step.type;
  }
}

/** The canvas adapter's view of a document: one node per step, one edge per connected exit. */
export function toNodesAndEdges(options: {
  document: JourneyDocument;
  problems: CanvasProblem[];
  stats: StepFigures[] | null;
  statsSource?: StatsSource;
  selected: ReadonlySet<string>;
  /** What the workspace calls the content and templates steps name by id. */
  names?: StepNames;
  /** Tidy layouts of the journey's steps: a line follows the route of one that put both its steps where they are. */
  layouts?: JourneyLayout[];
}): {
  nodes: StepNode[];
  edges: RouteLine[];
} {
  const { document, problems, stats, selected, names } = options;
  const statsSource = options.statsSource ?? "live";
  const direction = directionOf(document);
  const layouts = (options.layouts ?? []).filter((l) => l.direction === direction);
  const positionOf = new Map(document.steps.map((s) => [s.id, s.position]));
  const placedBy = (layout: JourneyLayout, id: string) => {
    const [at, laid] = [positionOf.get(id), layout.positions.get(id)];
    return at !== undefined && laid !== undefined && Math.abs(at.x - laid.x) < 1 && Math.abs(at.y - laid.y) < 1;
  };
  const statsOf = new Map((stats ?? []).map((s) => [s.stepId, s]));
  const nodes: StepNode[] = document.steps.map((step, i) => ({
    id: step.id,
    type: "step",
    position: step.position ?? { x: 0, y: i * 170 },
    selected: selected.has(step.id),
    ariaLabel: `${stepTypeLabel(step.type) ?? step.type} step ${step.name || step.id}: ${summarize(step, names)}`,
    data: {
      step,
      typeLabel: stepTypeLabel(step.type) ?? step.type,
      summary: summarize(step, names),
      problems: problems.filter((p) => p.stepId === step.id),
      stats: stats
        ? (statsOf.get(step.id) ?? { stepId: step.id, waiting: 0, passed: 0, exited: 0, converted: 0, outcomes: {} })
        : undefined,
      statsSource: stats ? statsSource : undefined,
      direction,
    },
  }));
  const ids = new Set(document.steps.map((s) => s.id));
  const edges: RouteLine[] = document.steps.flatMap((step) =>
    stepExits(step)
      .map((e, exitIndex) => ({ ...e, exitIndex }))
      .filter((e) => e.target !== null && ids.has(e.target))
      .map((e) => {
        // The engine names a wait-for-event's first exit after what happened ("event"); every other exit by its key.
        const outcome = step.type === "wait-for-event" && e.exit === "next" ? "event" : e.exit;
        const took = statsOf.get(step.id)?.outcomes[outcome] ?? 0;
        const label = [e.label, stats ? `${took}` : ""].filter(Boolean).join(" · ");
        const id = `${step.id}:${e.exit}`;
        return {
          id,
          type: "route" as const,
          data: {
            route: layouts.find((l) => placedBy(l, step.id) && placedBy(l, e.target as string))?.routes.get(id),
            direction,
            exitIndex: e.exitIndex,
          },
          source: step.id,
          sourceHandle: e.exit,
          target: e.target as string,
          label: label || undefined,
          className: stats ? (statsSource === "simulation" ? "edge-simulated" : "edge-live") : undefined,
          labelBgPadding: [6, 3] as [number, number],
          labelBgBorderRadius: 4,
        };
      }),
  );
  return { nodes, edges };
}
