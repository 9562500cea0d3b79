import { describe, expect, it } from "vitest";
import type { StepInput } from "../../test/builders.ts";
import { branch, exit, version, wait } from "../../test/builders.ts";
import { describeExitCriteria } from "../describe/describe-settings.ts";
import { describeStep } from "../describe/describe-step.ts";
import { validateJourney } from "../validate/validate-journey.ts";
import { triggerEventNames } from "./compile-journey.ts";
import { matchTrigger, SCHEDULE_EVENT } from "./entry.ts";

const onSegment = (id: string, segmentId: string, on: "enter" | "leave", next: string): StepInput => ({
  id,
  type: "trigger",
  trigger: { type: "segment", segmentId, on },
  next,
});
const inSegment = (segmentId: string) => ({ type: "segment", segmentId });

describe("journeys that know segments (issue 14)", () => {
  const v = version(
    [
      onSegment("enters", "lapsed", "enter", "b"),
      onSegment("leaves", "vip", "leave", "b"),
      {
        id: "weekly",
        type: "trigger",
        trigger: { type: "schedule", every: "7d", audience: { segmentId: "lapsed" } },
        next: "b",
      } as StepInput,
      branch("b", [{ id: "vip", condition: { type: "not", condition: inSegment("vip") }, next: "w" }], "x"),
      wait("w", "1d", "x"),
      exit("x"),
    ],
    { exitCriteria: [{ leavesSegment: "lapsed" }] },
  );

  it("S1: a segment trigger starts on $segment.entered / $segment.left of its segment only", () => {
    const entered = { name: "$segment.entered", properties: { segmentId: "lapsed" } };
    expect(matchTrigger(v, entered)?.id).toBe("enters");
    expect(matchTrigger(v, { ...entered, properties: { segmentId: "vip" } })).toBeUndefined();
    expect(matchTrigger(v, { name: "$segment.left", properties: { segmentId: "vip" } })?.id).toBe("leaves");
    expect(matchTrigger(v, { name: "$segment.left", properties: { segmentId: "lapsed" } })).toBeUndefined();
  });

  it("S2: the events that can start a version, and the facts its branches need", () => {
    expect([...triggerEventNames(v)].sort()).toEqual([SCHEDULE_EVENT, "$segment.entered", "$segment.left"].sort());
    expect(v.factsFrom.get("enters")?.segments).toBe(true);
    expect(v.factsFrom.get("w")?.segments).toBe(false);
    expect(v.wakingEvents.has("$segment.left")).toBe(true);
  });

  it("S3: validation reports unknown segments on the steps (and exit criteria) naming them, when segments are given", () => {
    const catalog = { segments: [{ id: "vip", name: "VIP customers" }] };
    const problems = validateJourney(v.document, catalog).problems.filter((p) => p.code === "unknown-segment");
    expect(problems.map((p) => [p.path, p.stepId])).toEqual([
      ["settings.exitCriteria[0].leavesSegment", undefined],
      ["steps[0].trigger.segmentId", "enters"],
      ["steps[2].trigger.audience.segmentId", "weekly"],
    ]);
    expect(problems[1]?.message).toContain("'lapsed'");
    expect(validateJourney(v.document).problems.filter((p) => p.code === "unknown-segment")).toEqual([]);
    const gone = validateJourney(v.document, { segments: [{ id: "lapsed", name: "Lapsed" }] }).problems;
    expect(gone.filter((p) => p.code === "unknown-segment").map((p) => p.path)).toEqual([
      "steps[1].trigger.segmentId",
      "steps[3].arms[0].condition.condition.segmentId",
    ]);
  });

  it("S4: steps and exits are described with segment names when known", () => {
    const segmentName = (id: string) => ({ lapsed: "Lapsed buyers", vip: "VIP customers" })[id];
    const step = (id: string) => v.steps.get(id) as NonNullable<ReturnType<typeof v.steps.get>>;
    expect(describeStep(step("enters"), { segmentName })).toBe("Starts when a customer enters segment 'Lapsed buyers'");
    expect(describeStep(step("weekly"), { segmentName })).toBe(
      "Starts every 7 days for everyone in segment 'Lapsed buyers'",
    );
    expect(describeStep(step("b"), { segmentName })).toContain("if not in segment 'VIP customers'");
    expect(describeStep(step("leaves"))).toBe("Starts when a customer leaves segment 'vip'");
    expect(describeExitCriteria(v.document.settings.exitCriteria, { segmentName })).toBe(
      "Leaves the journey on leaving segment 'Lapsed buyers'",
    );
  });
});
