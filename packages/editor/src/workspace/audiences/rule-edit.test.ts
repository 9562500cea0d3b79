import { SegmentRule } from "@overture/core";
import { describe, expect, it } from "vitest";
import {
  asRuleGroup,
  constantAnswer,
  dateInputValue,
  isoFromDateInput,
  namedIds,
  newRule,
  RULE_KIND_WORDS,
  readsSomething,
  ruleKindOf,
  setNegated,
} from "./rule-edit.ts";

describe("segment rule editing (issue 14: the rule builder by clicking)", () => {
  it("offers every rule kind of the core's rule tree, each new row valid at once", () => {
    const seen = { event: "plan.upgraded", attribute: "plan", topic: "billing", journey: "j1", segment: "s1" };
    for (const [kind] of RULE_KIND_WORDS) {
      const rule = newRule(kind, seen);
      expect(SegmentRule.safeParse(rule).success, kind).toBe(true);
      expect(ruleKindOf(rule)).toBe(kind);
    }
    expect(newRule("event", seen)).toMatchObject({ event: "plan.upgraded", count: { op: "gte", value: 1 } });
  });

  it("negates a row and takes the one not off again", () => {
    const rule = newRule("portal-login", {});
    const negated = setNegated(rule, true);
    expect(negated).toEqual({ type: "not", rule });
    expect(ruleKindOf(negated)).toBe("portal-login");
    expect(setNegated(negated, true)).toBe(negated);
    expect(setNegated(negated, false)).toBe(rule);
  });

  it("edits any rule as a root group, a leaf as a group of one", () => {
    const leaf = newRule("dwell", {});
    expect(asRuleGroup(leaf)).toEqual({ type: "all", rules: [leaf] });
    expect(asRuleGroup(null)).toEqual({ type: "all", rules: [] });
    const any = { type: "any" as const, rules: [leaf] };
    expect(asRuleGroup(any)).toBe(any);
  });

  it("knows a rule that reads nothing, and whether it then holds everyone or nobody", () => {
    expect(readsSomething({ type: "all", rules: [] })).toBe(false);
    expect(readsSomething({ type: "all", rules: [{ type: "any", rules: [] }] })).toBe(false);
    expect(readsSomething({ type: "all", rules: [{ type: "not", rule: newRule("portal-login", {}) }] })).toBe(true);
    expect(constantAnswer({ type: "all", rules: [] })).toBe(true);
    expect(constantAnswer({ type: "all", rules: [{ type: "any", rules: [] }] })).toBe(false);
    expect(constantAnswer({ type: "not", rule: { type: "any", rules: [] } })).toBe(true);
  });

  it("lists the journeys and segments a rule names, through groups and nots", () => {
    const rule: SegmentRule = {
      type: "all",
      rules: [
        { type: "not", rule: { type: "journey", journeyId: "j1", state: "in" } },
        {
          type: "any",
          rules: [
            { type: "segment", segmentId: "s2" },
            { type: "email-engagement", action: "clicked", journeyId: "j3" },
          ],
        },
      ],
    };
    expect(namedIds(rule)).toEqual({ journeys: ["j1", "j3"], segments: ["s2"] });
  });

  it("turns a date box's day into the rule's date-time and back", () => {
    expect(isoFromDateInput("2026-03-01")).toBe("2026-03-01T00:00:00Z");
    expect(isoFromDateInput("")).toBeUndefined();
    expect(dateInputValue("2026-03-01T00:00:00Z")).toBe("2026-03-01");
    expect(dateInputValue(undefined)).toBe("");
  });
});
