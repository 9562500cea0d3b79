import type { Transition } from "@overture/core";
import { describe, expect, it } from "vitest";
import { encodeSteps, goalsOf, unpackHistory } from "./history.ts";

const AT = 1_767_600_000_000;
const steps: Transition[] = [
  { stepId: "branch", kind: "step", outcome: "arm-a", reason: `took 'Engaged': plan is "pro" \\ ok ✓`, at: AT },
  { stepId: "goal", kind: "goal", outcome: "bought", reason: "reached goal step goal", at: AT },
  { stepId: "", kind: "exit", outcome: "exited", reason: "line\nbreak", at: AT },
];
const row = { workspaceId: "w", instanceId: "j:c:1", journeyId: "j", version: 2, customerId: "c", at: AT };

describe("history rows", () => {
  it("keeps every step of a wake-up, in order, with reasons of any text, as stored text or as parsed JSON", () => {
    const text = encodeSteps(steps);
    const expected = steps.map((t) => ({ ...row, ...t }));
    expect(unpackHistory(row, text)).toEqual(expected);
    expect(unpackHistory(row, JSON.parse(text))).toEqual(expected);
  });

  it("counts the goal facts of a wake-up", () => {
    expect(goalsOf(steps)).toBe(1);
    expect(goalsOf(steps.filter((t) => t.kind !== "goal"))).toBe(0);
  });
});
