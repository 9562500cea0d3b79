import { StepId } from "../model/step.ts";
import { findCycles } from "./find-loops.ts";
import type { JourneyProblem } from "./journey-problem.ts";
import { isRecord, listWords, problem, stepIdOf, stepLabel } from "./problem-text.ts";

/** One exit of a step as written in the document; `next` is whatever is there (a step id, null, missing…). */
export type StepLink = { path: string; next: unknown; exit: "next" | "timeout" | "arm" | "else"; label: string };

type Node = { id: string; index: number; type: string; label: string; links: StepLink[] };

const WAIT_TYPES = new Set(["wait", "wait-for-event"]);

function armLinks(arms: unknown, at: string): StepLink[] {
  if (!Array.isArray(arms)) return [];
  return arms.flatMap((arm, j) => {
    if (!isRecord(arm)) return [];
    const label = typeof arm.label === "string" ? `arm '${arm.label}'` : `arm ${j + 1}`;
    return [{ path: `${at}.arms[${j}].next`, next: arm.next, exit: "arm" as const, label }];
  });
}

/**
 * The exits of a step read from the raw document, so that the graph can be checked even when some steps do not
 * fit the schema. `at` is the step's path ("steps[3]").
 */
export function linksOf(step: Record<string, unknown>, at: string): StepLink[] {
  const next: StepLink = { path: `${at}.next`, next: step.next, exit: "next", label: "" };
  switch (step.type) {
    case "exit":
      return [];
    case "wait-for-event":
      return [
        { ...next, label: "when the event happens" },
        { path: `${at}.timeoutNext`, next: step.timeoutNext, exit: "timeout", label: "when the wait times out" },
      ];
    case "branch": {
      const otherwise = isRecord(step.else)
        ? [{ path: `${at}.else.next`, next: step.else.next, exit: "else" as const, label: "else" }]
        : [];
      return [...armLinks(step.arms, at), ...otherwise];
    }
    case "split":
      return armLinks(step.arms, at);
    case "goal":
      return step.exit === true ? [] : [next];
    default:
      return [next];
  }
}

/** " (arm 'Engaged')" for messages; nothing for a plain next. */
function how(link: StepLink): string {
  return link.label === "" ? "" : ` (${link.label})`;
}

function isStepId(value: unknown): value is string {
  return typeof value === "string" && StepId.safeParse(value).success;
}

/**
 * Problems of the step graph: duplicate ids, links to missing steps or into a trigger, no trigger, steps no
 * trigger leads to, and loops without a wait. Works on the raw steps, so it runs even when the schema fails.
 */
export function graphProblems(steps: readonly unknown[]): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const byId = new Map<string, Node>();
  steps.forEach((raw, index) => {
    const id = stepIdOf(raw);
    if (id === undefined || !isRecord(raw)) return;
    const first = byId.get(id);
    const label = stepLabel(raw, index);
    if (first) {
      const message = `Steps ${first.label} and ${label} both have the id '${id}'; every step needs its own id`;
      problems.push(problem("duplicate-step-id", message, `steps[${index}].id`, id));
      return;
    }
    const type = typeof raw.type === "string" ? raw.type : "";
    byId.set(id, { id, index, type, label, links: linksOf(raw, `steps[${index}]`) });
  });
  const nodes = [...byId.values()];

  const incoming = new Map<string, string[]>();
  for (const node of nodes) {
    for (const link of node.links) {
      if (!isStepId(link.next)) continue;
      const target = byId.get(link.next);
      if (!target) {
        const message = `Step ${node.label} leads${how(link)} to a step '${link.next}' that does not exist`;
        problems.push(problem("dangling-next", message, link.path, node.id));
        continue;
      }
      const from = incoming.get(target.id) ?? [];
      if (!from.includes(node.id)) incoming.set(target.id, [...from, node.id]);
      if (target.type === "trigger") {
        const message = `Step ${node.label} leads${how(link)} back to the trigger ${target.label}; a trigger only starts the journey, no step can lead into it`;
        problems.push(problem("next-into-trigger", message, link.path, node.id));
      }
    }
  }

  const triggers = nodes.filter((n) => n.type === "trigger");
  if (triggers.length === 0) {
    problems.push(
      problem("no-trigger", "The journey has no trigger: add a trigger step so that customers can enter it", "steps"),
    );
  }
  if (triggers.length > 0) problems.push(...unreachable(nodes, byId, triggers, incoming));
  problems.push(...loops(nodes, byId));
  return problems;
}

function targetsOf(node: Node, byId: ReadonlyMap<string, Node>): Node[] {
  return node.links.flatMap((l) => (isStepId(l.next) && byId.has(l.next) ? [byId.get(l.next) as Node] : []));
}

function unreachable(
  nodes: Node[],
  byId: ReadonlyMap<string, Node>,
  triggers: Node[],
  incoming: ReadonlyMap<string, string[]>,
): JourneyProblem[] {
  const reached = new Set(triggers.map((t) => t.id));
  const queue = [...triggers];
  for (let node = queue.shift(); node; node = queue.shift()) {
    for (const target of targetsOf(node, byId)) {
      if (reached.has(target.id)) continue;
      reached.add(target.id);
      queue.push(target);
    }
  }
  // An exit step nobody reaches changes nothing (a goal that leaves the journey may have replaced it), and a step
  // that should lead to it is already reported as missing-next: only steps that would do something are reported.
  return nodes
    .filter((n) => !reached.has(n.id) && n.type !== "exit")
    .map((n) => {
      const from = incoming.get(n.id) ?? [];
      const message =
        from.length === 0
          ? `Step ${n.label} is not connected to anything: no step leads to it`
          : `Step ${n.label} can never be reached: the steps leading to it (${listWords(from.map((id) => (byId.get(id) as Node).label))}) cannot be reached from a trigger either`;
      return problem("unreachable-step", message, `steps[${n.index}]`, n.id);
    });
}

function loops(nodes: Node[], byId: ReadonlyMap<string, Node>): JourneyProblem[] {
  // A cycle through a wait is fine (a customer stops there); only cycles among the other steps are loops.
  const running = nodes.filter((n) => !WAIT_TYPES.has(n.type));
  const edges = new Map(
    running.map((n) => [n.id, targetsOf(n, byId).flatMap((t) => (WAIT_TYPES.has(t.type) ? [] : [t.id]))]),
  );
  return findCycles(
    running.map((n) => n.id),
    edges,
  ).map((cycle) => {
    const first = byId.get(cycle[0] as string) as Node;
    const labels = cycle.map((id) => (byId.get(id) as Node).label);
    const what = cycle.length === 1 ? `Step ${first.label} leads to itself` : `Steps ${listWords(labels)} form a loop`;
    const message = `${what} with no wait in it: a customer would go round without stopping. Add a wait or a wait for an event inside the loop`;
    return problem("loop-without-wait", message, `steps[${first.index}]`, first.id);
  });
}
