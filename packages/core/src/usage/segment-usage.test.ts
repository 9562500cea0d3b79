import { describe, expect, it } from "vitest";
import { segmentMentions, segmentsInRule } from "./segment-usage.ts";

describe("segmentMentions", () => {
  it("finds a segment trigger, a schedule audience, a nested branch arm and a leaves-segment exit", () => {
    const document = {
      schemaVersion: 1,
      name: "Win back",
      settings: { exitCriteria: [{ event: "account.cancelled" }, { leavesSegment: "lapsed" }] },
      steps: [
        { id: "start", type: "trigger", trigger: { type: "segment", segmentId: "buyers", on: "enter" }, next: "b" },
        {
          id: "b",
          type: "branch",
          arms: [
            { id: "a1", label: "VIP", condition: { type: "not", condition: { type: "segment", segmentId: "vip" } } },
            { id: "a2", label: "Plan", condition: { type: "attribute", attribute: "plan", op: "eq", value: "pro" } },
          ],
        },
        {
          id: "weekly",
          type: "trigger",
          trigger: { type: "schedule", every: "7d", audience: { segmentId: "all-in" } },
        },
        { id: "nightly", type: "trigger", trigger: { type: "schedule", every: "1d", audience: "all-customers" } },
      ],
    };
    expect(segmentMentions(document)).toEqual([
      { segmentId: "buyers", stepId: "start", how: "trigger" },
      { segmentId: "vip", stepId: "b", how: "branch-arm" },
      { segmentId: "all-in", stepId: "weekly", how: "schedule-audience" },
      { segmentId: "lapsed", how: "exit-criterion" },
    ]);
  });

  it("reads half-made drafts without throwing", () => {
    for (const draft of [null, 3, "x", { steps: "no" }, { steps: [null, { type: "branch", arms: [null] }] }])
      expect(segmentMentions(draft)).toEqual([]);
  });
});

describe("segmentsInRule", () => {
  it("lists each segment a rule names once, at any depth", () => {
    const rule = {
      type: "all",
      rules: [
        { type: "segment", segmentId: "a" },
        { type: "any", rules: [{ type: "not", rule: { type: "segment", segmentId: "b" } }] },
        { type: "segment", segmentId: "a" },
        { type: "event", event: "purchase.completed" },
      ],
    };
    expect(segmentsInRule(rule)).toEqual(["a", "b"]);
  });
});
