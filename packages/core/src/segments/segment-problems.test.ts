import { describe, expect, it } from "vitest";
import { describeSegmentRule } from "./describe-segment-rule.ts";
import { segmentNeeds } from "./segment-needs.ts";
import { segmentOrder } from "./segment-order.ts";
import { segmentProblems } from "./segment-problems.ts";
import type { SegmentRule } from "./segment-rule.ts";

const known = { segmentIds: ["vip", "a", "b"], journeys: [{ id: "onboarding", stepIds: ["welcome"] }] };
const inSeg = (segmentId: string): SegmentRule => ({ type: "segment", segmentId });

describe("segmentNeeds", () => {
  it("lists attributes, event names (window anchors and engagement events included), journeys and segments", () => {
    const rule: SegmentRule = {
      type: "all",
      rules: [
        { type: "attribute", attribute: "plan", op: "eq", value: "pro" },
        { type: "portal-login", window: { type: "after-event", event: "purchase.completed", within: "7d" } },
        { type: "not", rule: { type: "email-engagement", action: "clicked" } },
        { type: "any", rules: [{ type: "dwell", topic: "x", op: "gte", minutes: 1 }, inSeg("vip")] },
        { type: "journey", journeyId: "onboarding", state: "in" },
      ],
    };
    expect(segmentNeeds(rule)).toEqual({
      attributes: true,
      events: ["content.viewed", "email.clicked", "portal.login", "purchase.completed"],
      journeys: true,
      segments: ["vip"],
    });
  });
});

describe("segmentOrder", () => {
  it("puts each segment after the ones it reads, and reports cycles (a self-reference too)", () => {
    const result = segmentOrder([
      { id: "top", rule: { type: "all", rules: [inSeg("mid"), inSeg("base")] } },
      { id: "mid", rule: inSeg("base") },
      { id: "base", rule: { type: "attribute", attribute: "x", op: "exists" } },
      { id: "static", rule: null },
    ]);
    expect(result).toEqual({ order: ["base", "mid", "top", "static"], cycles: [] });
    const cyclic = segmentOrder([
      { id: "a", rule: inSeg("b") },
      { id: "b", rule: { type: "not", rule: inSeg("a") } },
      { id: "self", rule: inSeg("self") },
      { id: "c", rule: inSeg("a") },
    ]);
    expect(cyclic.cycles).toEqual([["a", "b"], ["self"]]);
    expect(cyclic.order.indexOf("c")).toBeGreaterThan(cyclic.order.indexOf("a"));
  });
});

describe("segmentProblems", () => {
  it("finds every problem at once, each with its path and code", () => {
    const rule: SegmentRule = {
      type: "all",
      rules: [
        inSeg("gone"),
        { type: "journey", journeyId: "nope", state: "in" },
        { type: "journey", journeyId: "onboarding", state: "reached-step", stepId: "nudge" },
        { type: "journey", journeyId: "onboarding", state: "reached-step" },
        { type: "event", event: "x", window: { type: "within", duration: "0d" } },
        { type: "event-time", event: "x", which: "last", op: "before" },
        { type: "any", rules: [] },
      ],
    };
    expect(segmentProblems({ rule }, known).map((p) => [p.path, p.code])).toEqual([
      ["rule.rules[0].segmentId", "unknown-segment"],
      ["rule.rules[1].journeyId", "unknown-journey"],
      ["rule.rules[2].stepId", "unknown-step"],
      ["rule.rules[3].stepId", "missing-value"],
      ["rule.rules[4].window.duration", "bad-duration"],
      ["rule.rules[5].date", "missing-value"],
      ["rule.rules[6]", "empty-group"],
    ]);
  });

  it("reports a rule that reads nothing, and cycles through the workspace's other segments", () => {
    expect(segmentProblems({ rule: { type: "all", rules: [] } }, known).map((p) => p.code)).toEqual([
      "empty-group",
      "reads-nothing",
    ]);
    const cycle = segmentProblems({ id: "a", rule: inSeg("b") }, { ...known, rules: [{ id: "b", rule: inSeg("a") }] });
    expect(cycle).toEqual([{ path: "rule.segmentId", code: "segment-cycle", message: expect.stringContaining("'b'") }]);
    expect(segmentProblems({ id: "a", rule: inSeg("a") }, { ...known, segmentIds: ["a"] })[0]?.code).toBe(
      "segment-cycle",
    );
    expect(segmentProblems({ rule: null }, known)).toEqual([]);
  });
});

describe("describeSegmentRule", () => {
  it("says segments and journeys by name when given, brackets nested groups", () => {
    const rule: SegmentRule = {
      type: "any",
      rules: [
        { type: "all", rules: [inSeg("vip"), { type: "journey", journeyId: "onboarding", state: "converted" }] },
        { type: "event", event: "refund", count: { op: "eq", value: 0 }, window: { type: "within", duration: "30d" } },
        { type: "dwell", topic: "billing", op: "gte", minutes: 5 },
      ],
    };
    expect(
      describeSegmentRule(rule, { segments: { vip: "VIP customers" }, journeys: { onboarding: "Onboarding" } }),
    ).toBe(
      "(is in segment 'VIP customers', and converted in journey 'Onboarding'), or Refund never in the last 30 days, or Spent at least 5 minutes on \"billing\" content",
    );
    expect(describeSegmentRule(inSeg("vip"))).toBe("is in segment 'vip'");
  });
});
