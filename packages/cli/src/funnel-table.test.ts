import { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { formatFunnel, funnelRows } from "./funnel-table.ts";

const document = JourneyDocument.parse({
  schemaVersion: 1,
  name: "J",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "api" }, next: "wait" },
    { id: "wait", type: "wait", wait: { type: "duration", duration: "1d" }, next: "done" },
    { id: "done", type: "exit" },
  ],
});

describe("funnelRows", () => {
  it("lists steps in document order; reached = waiting + passed + exited", () => {
    const rows = funnelRows(document, {
      journeyId: "j",
      version: 1,
      entered: 1200,
      active: 200,
      completed: 990,
      exited: 10,
      converted: 3,
      steps: [
        { stepId: "wait", waiting: 200, passed: 990, exited: 10, converted: 3, outcomes: { next: 990 } },
        { stepId: "done", waiting: 0, passed: 0, exited: 990, converted: 0, outcomes: {} },
        { stepId: "start", waiting: 0, passed: 1200, exited: 0, converted: 0, outcomes: { next: 1200 } },
      ],
    });
    expect(rows.map((r) => [r.step, r.type, r.reached])).toEqual([
      ["start", "trigger", 1200],
      ["wait", "wait", 1200],
      ["done", "exit", 990],
    ]);
    expect(formatFunnel(rows)).toBe(
      [
        "step   type     reached  waiting  passed  exited  converted",
        "-----  -------  -------  -------  ------  ------  ---------",
        "start  trigger    1,200        0   1,200       0          0",
        "wait   wait       1,200      200     990      10          3",
        "done   exit         990        0       0     990          0",
      ].join("\n"),
    );
  });

  it("shows zeros for steps nobody reached", () => {
    const rows = funnelRows(document, {
      journeyId: "j",
      version: 1,
      entered: 0,
      active: 0,
      completed: 0,
      exited: 0,
      converted: 0,
      steps: [],
    });
    expect(rows.every((r) => r.reached === 0)).toBe(true);
  });
});
