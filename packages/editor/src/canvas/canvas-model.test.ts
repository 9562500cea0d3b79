import type { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { type StepFigures, toNodesAndEdges } from "./canvas-model.ts";

const document = {
  schemaVersion: 1,
  name: "Figures",
  settings: { reentry: "never" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "wait" },
    {
      id: "wait",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "3d",
      next: "done",
      timeoutNext: "done",
    },
    { id: "done", type: "exit" },
  ],
} as JourneyDocument;

const figures: StepFigures[] = [
  { stepId: "start", reached: 10, waiting: 0, passed: 10, exited: 0, converted: 0, outcomes: { next: 10 } },
  { stepId: "wait", reached: 10, waiting: 1, passed: 9, exited: 0, converted: 0, outcomes: { event: 6, timeout: 3 } },
];

describe("figures on the canvas (issue #4: simulation overlay)", () => {
  it("labels simulated figures as such, on the steps and on the connections, with the count per exit", () => {
    const { nodes, edges } = toNodesAndEdges({
      document,
      problems: [],
      stats: figures,
      statsSource: "simulation",
      selected: new Set(),
    });
    expect(nodes.map((n) => n.data.statsSource)).toEqual(["simulation", "simulation", "simulation"]);
    expect(nodes[1]?.data.stats).toMatchObject({ reached: 10, waiting: 1 });
    // A step nobody reached still shows zeros, so a blank is never mistaken for "not simulated".
    expect(nodes[2]?.data.stats).toMatchObject({ waiting: 0, passed: 0 });
    const label = (id: string) => edges.find((e) => e.id === id)?.label;
    expect(label("wait:next")).toBe("event · 6");
    expect(label("wait:timeout")).toBe("timeout · 3");
    expect(new Set(edges.map((e) => e.className))).toEqual(new Set(["edge-simulated"]));
  });

  it("keeps live figures looking live, and shows none when there are none", () => {
    const live = toNodesAndEdges({ document, problems: [], stats: figures, selected: new Set() });
    expect(live.nodes[0]?.data.statsSource).toBe("live");
    expect(new Set(live.edges.map((e) => e.className))).toEqual(new Set(["edge-live"]));
    const bare = toNodesAndEdges({ document, problems: [], stats: null, selected: new Set() });
    expect(bare.nodes.every((n) => n.data.stats === undefined && n.data.statsSource === undefined)).toBe(true);
  });

  it("names each step for screen readers by its kind, name and summary", () => {
    const { nodes } = toNodesAndEdges({ document, problems: [], stats: null, selected: new Set() });
    expect(nodes[1]?.ariaLabel).toMatch(/^Wait for event step wait: Waits until/);
  });
});

describe("a goal that leaves the journey (issue 15, defect 6)", () => {
  const withGoal = (exit: boolean) =>
    ({
      schemaVersion: 1,
      name: "Goal",
      settings: { reentry: "never" },
      steps: [
        {
          id: "start",
          type: "trigger",
          trigger: { type: "event", event: "subscription.renewal_due" },
          next: "renewed",
        },
        { id: "renewed", type: "goal", goal: "Renewed", exit, next: "done" },
        { id: "done", type: "exit" },
      ],
    }) as JourneyDocument;

  it("draws no line from it, since no step runs after it (core rule I9), even when the document still names one", () => {
    const ids = (exit: boolean) =>
      toNodesAndEdges({ document: withGoal(exit), problems: [], stats: null, selected: new Set() }).edges.map(
        (e) => e.id,
      );
    expect(ids(false)).toEqual(["start:next", "renewed:next"]);
    expect(ids(true)).toEqual(["start:next"]);
  });
});
