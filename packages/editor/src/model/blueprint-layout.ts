import {
  describeDuration,
  describeEvent,
  describeExitCriteria,
  describeGoal,
  describeStep,
  type JourneyDocument,
  type Step,
  type StepNames,
} from "@overture/core";
import {
  BLUEPRINT_LANES,
  BLUEPRINT_LINES,
  BLUEPRINT_ROWS,
  type BlueprintRow,
  blueprintRow,
} from "./blueprint-lanes.ts";
import { delayOf, describeElapsedRange, describeSpan, waitMarkerLabel } from "./blueprint-time.ts";
import { stepTypeLabel } from "./new-step.ts";
import { stepExits } from "./step-exits.ts";

/** Sizes of the blueprint, in canvas pixels; the view and the SVG export draw with the same ones. */
export const BLUEPRINT_SIZES = {
  labelWidth: 176,
  leftPad: 32,
  rightPad: 48,
  cardWidth: 220,
  cardHeight: 104,
  markerWidth: 132,
  markerHeight: 52,
  columnGap: 64,
  stackGap: 18,
  lanePad: 26,
  headerHeight: 30,
} as const;

/**
 * One box on the blueprint: a step (a card in a lane or a marker on the time axis), a workflow a webhook starts, or
 * one of the journey's own customer actions (its goal event, the events that make customers leave), which can
 * happen at any time.
 */
export type BlueprintItem = {
  /** The step id; a support card is `support:` and its webhook step's id; the journey's are `journey:goal`, `journey:leave-N`. */
  id: string;
  kind: "card" | "marker" | "support" | "journey";
  /** The step it stands for (a support card's webhook): selecting the box selects this step. Null: the journey's settings. */
  stepId: string | null;
  /** The kind of step, or the one a journey's box looks like (goal, exit). */
  stepType: Step["type"];
  row: BlueprintRow;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Small capitals above the title: the step type ("Email"), "Internal workflow"; a marker's "+7 days". */
  kindLabel: string;
  title: string;
  summary: string;
};

/** A line from one box to another: the journey's flow (waits between folded into its label), or a webhook starting its workflow. */
export type BlueprintConnection = { id: string; from: string; to: string; label: string; kind: "flow" | "starts" };

/** A horizontal band: the time axis or a lane. */
export type BlueprintBand = { id: BlueprintRow; label: string; hint: string; y: number; height: number };

/** Everything needed to draw a journey as a service blueprint, time running left to right. */
export type BlueprintLayout = {
  width: number;
  height: number;
  bands: BlueprintBand[];
  lines: { id: (typeof BLUEPRINT_LINES)[number]["id"]; label: string; y: number }[];
  /** Each column's place and when customers reach its steps at the earliest ("Day 3"). */
  columns: { x: number; width: number; time: string }[];
  items: BlueprintItem[];
  connections: BlueprintConnection[];
};

/** What the layout may know of the workspace: names of content and templates, the address of a webhook endpoint. */
export type BlueprintOptions = { names?: StepNames; endpointUrl?: (endpoint: string) => string | undefined };

type Placed = { step: Step; row: BlueprintRow; column: number; elapsed: number };

/**
 * Lays a journey out as a service blueprint: each step in its lane, columns in time order (a step is right of the
 * steps before it, except a response drawn under the customer action that caused it), waits and ends as markers on
 * the time axis, and one support card per webhook for the internal workflow it starts. Pure; positions are computed,
 * never saved into the document.
 */
export function layoutBlueprint(document: JourneyDocument, options: BlueprintOptions = {}): BlueprintLayout {
  const placed = placeSteps(document.steps);
  const S = BLUEPRINT_SIZES;
  const stepColumns = placed.size === 0 ? 0 : Math.max(...[...placed.values()].map((p) => p.column + 1));
  const anyTime = anyTimeActions(document, options.names);
  const columnCount = Math.max(1, stepColumns + (anyTime.size > 0 ? 1 : 0));
  const cells = new Map<string, string[]>();
  const put = (row: BlueprintRow, column: number, id: string) => {
    const key = `${row}/${column}`;
    cells.set(key, [...(cells.get(key) ?? []), id]);
  };
  const cardColumn = new Array<boolean>(columnCount).fill(false);
  for (const p of placed.values()) {
    put(p.row, p.column, p.step.id);
    if (p.row !== "time") cardColumn[p.column] = true;
    if (p.step.type === "webhook") put("support", p.column, `support:${p.step.id}`);
  }
  for (const id of anyTime.keys()) put("customer", stepColumns, id);
  if (anyTime.size > 0) cardColumn[stepColumns] = true;
  const columns: BlueprintLayout["columns"] = [];
  let x = S.labelWidth + S.leftPad;
  for (let c = 0; c < columnCount; c++) {
    const width = cardColumn[c] ? S.cardWidth : S.markerWidth;
    const times = [...placed.values()].filter((p) => p.column === c).map((p) => p.elapsed);
    const time = times.length > 0 ? describeElapsedRange(Math.min(...times), Math.max(...times)) : "";
    columns.push({ x, width, time: c === stepColumns && anyTime.size > 0 ? "Any time" : time });
    x += width + S.columnGap;
  }
  const bands: BlueprintBand[] = [];
  let y = 0;
  for (const row of BLUEPRINT_ROWS) {
    const most = Math.max(1, ...columns.map((_, c) => cells.get(`${row}/${c}`)?.length ?? 0));
    const boxHeight = row === "time" ? S.markerHeight : S.cardHeight;
    const top = row === "time" ? S.headerHeight + 8 : S.lanePad;
    const height = top + most * boxHeight + (most - 1) * S.stackGap + (row === "time" ? 14 : S.lanePad);
    const lane = BLUEPRINT_LANES.find((l) => l.id === row);
    bands.push({
      id: row,
      label: lane?.label ?? "Time",
      hint: lane?.hint ?? "When customers reach each step at the earliest, and the waits between",
      y,
      height,
    });
    y += height;
  }
  const items: BlueprintItem[] = [];
  for (const [key, ids] of cells) {
    const [row, columnText] = key.split("/") as [BlueprintRow, string];
    const column = Number(columnText);
    const band = bands.find((b) => b.id === row)!;
    const col = columns[column]!;
    const marker = row === "time";
    const [width, height] = marker ? [S.markerWidth, S.markerHeight] : [S.cardWidth, S.cardHeight];
    const top = marker ? band.y + S.headerHeight + 8 : band.y + S.lanePad;
    const room = band.height - (marker ? S.headerHeight + 22 : 2 * S.lanePad);
    const stack = ids.length * height + (ids.length - 1) * S.stackGap;
    ids.forEach((id, i) => {
      const box = {
        x: col.x + (col.width - width) / 2,
        y: top + (room - stack) / 2 + i * (height + S.stackGap),
        width,
        height,
      };
      const journey = anyTime.get(id);
      if (journey) {
        items.push({ id, stepId: null, row, column, ...box, ...journey });
        return;
      }
      const stepId = id.startsWith("support:") ? id.slice("support:".length) : id;
      const step = placed.get(stepId)!.step;
      items.push({
        id,
        stepId,
        stepType: step.type,
        row,
        column,
        ...box,
        ...describeItem(step, id !== stepId, marker, options),
      });
    });
  }
  const lines = BLUEPRINT_LINES.map((line) => {
    const band = bands.find((b) => b.id === line.above)!;
    return { id: line.id, label: line.label, y: band.y + band.height };
  });
  return {
    width: x - S.columnGap + S.rightPad,
    height: y,
    bands,
    lines,
    columns,
    items,
    connections: connect(document.steps, placed),
  };
}

type AnyTime = Pick<BlueprintItem, "kind" | "stepType" | "kindLabel" | "title" | "summary">;

/** The journey's goal and the events that make customers leave: customer actions that count whenever they happen. */
function anyTimeActions(document: JourneyDocument, names?: StepNames): Map<string, AnyTime> {
  const actions = new Map<string, AnyTime>();
  const goal = document.settings?.goal;
  if (goal)
    actions.set("journey:goal", {
      kind: "journey",
      stepType: "goal",
      kindLabel: "Journey goal",
      title: goal.name,
      summary: `Counts when ${describeGoal(goal).slice(`'${goal.name}' when `.length)}`,
    });
  (document.settings?.exitCriteria ?? []).forEach((criterion, i) => {
    actions.set(`journey:leave-${i}`, {
      kind: "journey",
      stepType: "exit",
      kindLabel: "Leaves the journey",
      title: "leavesSegment" in criterion ? "Leaves a segment" : describeEvent(criterion.event),
      summary: describeExitCriteria([criterion], names),
    });
  });
  return actions;
}

function describeItem(
  step: Step,
  support: boolean,
  marker: boolean,
  options: BlueprintOptions,
): Pick<BlueprintItem, "kind" | "kindLabel" | "title" | "summary"> {
  const title = step.name || step.id;
  if (support && step.type === "webhook") {
    const url = options.endpointUrl?.(step.endpoint) ?? (/^https?:/.test(step.endpoint) ? step.endpoint : undefined);
    const host = url ? safeHost(url) : undefined;
    const workflow = /^https?:/.test(step.endpoint) ? (host ?? step.endpoint) : describeEvent(step.endpoint);
    const started = `Started by '${title}'${host ? ` at ${host}` : ""}`;
    return {
      kind: "support",
      kindLabel: "Internal workflow",
      title: workflow,
      summary: step.note ? `${step.note} · ${started}` : started,
    };
  }
  if (marker)
    return { kind: "marker", kindLabel: waitMarkerLabel(step), title, summary: summarize(step, options.names) };
  return { kind: "card", kindLabel: stepTypeLabel(step.type), title, summary: summarize(step, options.names) };
}

function summarize(step: Step, names?: StepNames): string {
  try {
    return describeStep(step, names);
  } catch {
    // A half-edited draft step may lack a field its summary needs.
    return stepTypeLabel(step.type);
  }
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * Steps in an order where each comes after every step leading to it; links back to an earlier step (a loop) are
 * ignored. Among the steps that could come next, the first met walking from the trigger in exit order goes first, so
 * a branch's first arm is drawn on top.
 */
function timeOrder(steps: readonly Step[]): { order: Step[]; back: Set<string> } {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, "open" | "done">();
  const met = new Map<string, number>();
  const back = new Set<string>();
  const visit = (step: Step) => {
    state.set(step.id, "open");
    met.set(step.id, met.size);
    for (const exit of stepExits(step)) {
      const next = exit.target === null ? undefined : byId.get(exit.target);
      if (!next) continue;
      if (state.get(next.id) === "open") back.add(`${step.id}:${exit.exit}`);
      else if (!state.has(next.id)) visit(next);
    }
    state.set(step.id, "done");
  };
  for (const root of [...steps.filter((s) => s.type === "trigger"), ...steps]) if (!state.has(root.id)) visit(root);
  const waitingFor = new Map(steps.map((s) => [s.id, 0]));
  for (const step of steps)
    for (const exit of stepExits(step))
      if (exit.target !== null && byId.has(exit.target) && !back.has(`${step.id}:${exit.exit}`))
        waitingFor.set(exit.target, (waitingFor.get(exit.target) ?? 0) + 1);
  const ready = steps.filter((s) => waitingFor.get(s.id) === 0);
  const order: Step[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => met.get(a.id)! - met.get(b.id)!);
    const step = ready.shift()!;
    order.push(step);
    for (const exit of stepExits(step)) {
      if (exit.target === null || !byId.has(exit.target) || back.has(`${step.id}:${exit.exit}`)) continue;
      const left = waitingFor.get(exit.target)! - 1;
      waitingFor.set(exit.target, left);
      if (left === 0) ready.push(byId.get(exit.target)!);
    }
  }
  return { order, back };
}

function placeSteps(steps: readonly Step[]): Map<string, Placed> {
  const { order, back } = timeOrder(steps);
  const placed = new Map<string, Placed>();
  const incoming = new Map<string, { from: Step; exit: string }[]>();
  for (const step of steps)
    for (const exit of stepExits(step))
      if (exit.target !== null && !back.has(`${step.id}:${exit.exit}`))
        incoming.set(exit.target, [...(incoming.get(exit.target) ?? []), { from: step, exit: exit.exit }]);
  const rank = (row: BlueprintRow) => BLUEPRINT_ROWS.indexOf(row);
  for (const step of order) {
    const row = blueprintRow(step);
    let column = 0;
    let elapsed = Number.POSITIVE_INFINITY;
    for (const { from, exit } of incoming.get(step.id) ?? []) {
      const before = placed.get(from.id);
      if (!before) continue;
      // A response drawn under what caused it shares its moment; anything else, and anything after time passed, is later.
      const sameMoment =
        before.row !== "time" && row !== "time" && rank(row) > rank(before.row) && delayOf(from, exit) === 0;
      column = Math.max(column, before.column + (sameMoment ? 0 : 1));
      elapsed = Math.min(elapsed, before.elapsed + delayOf(from, exit));
    }
    placed.set(step.id, { step, row, column, elapsed: Number.isFinite(elapsed) ? elapsed : 0 });
  }
  return placed;
}

/** The journey's links between boxes: waits and ends are folded into the line's label, as they are on the time axis. */
function connect(steps: readonly Step[], placed: Map<string, Placed>): BlueprintConnection[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const connections: BlueprintConnection[] = [];
  for (const step of steps) {
    if (blueprintRow(step) === "time") continue;
    for (const exit of stepExits(step)) {
      const words = [exitWords(step, exit.exit, exit.label)];
      let target = exit.target === null ? undefined : byId.get(exit.target);
      const seen = new Set<string>();
      while (target && target.type === "wait" && !seen.has(target.id)) {
        seen.add(target.id);
        words.push(waitMarkerLabel(target).replace(/^\+/, "after "));
        target = target.next === null ? undefined : byId.get(target.next);
      }
      if (!target || blueprintRow(target) === "time" || !placed.has(target.id)) continue;
      connections.push({
        id: `${step.id}:${exit.exit}`,
        from: step.id,
        to: target.id,
        label: words.filter(Boolean).join(" · "),
        kind: "flow",
      });
    }
    if (step.type === "webhook")
      connections.push({
        id: `${step.id}:starts`,
        from: step.id,
        to: `support:${step.id}`,
        label: "starts",
        kind: "starts",
      });
  }
  return connections;
}

function exitWords(step: Step, exit: string, label: string): string {
  if (step.type === "wait-for-event")
    return exit === "timeout"
      ? `not within ${describeSpan(delayOf(step, exit)) || describeDuration(step.timeout)}`
      : "did it";
  return label;
}
