import type { SegmentRule } from "@overture/core";
import { describe, expect, it } from "vitest";
import { problemsByRow, rowPaths } from "./rule-problems.ts";

const RULE: SegmentRule = {
  type: "all",
  rules: [
    { type: "attribute", attribute: "plan", op: "eq", value: "pro" },
    { type: "not", rule: { type: "any", rules: [{ type: "portal-login" }] } },
    { type: "event", event: "" },
  ],
};

describe("server problems beside the rule row they name (issue 14)", () => {
  it("names every row the way the server names paths, through nots", () => {
    expect(rowPaths(RULE)).toEqual([
      "rule",
      "rule.rules[0]",
      "rule.rules[1]",
      "rule.rules[1].rule.rules[0]",
      "rule.rules[2]",
    ]);
  });

  it("places a problem on the deepest row its path is in; the rest under no row", () => {
    const problems = [
      { path: "rule.rules[2].event", message: "too short" },
      { path: "rule.rules[1].rule.rules[0].window.duration", message: "not a duration" },
      { path: "rule.rules[1].rule.type", message: "odd" },
      { path: "name", message: "required" },
    ];
    const byRow = problemsByRow(problems, rowPaths(RULE));
    expect(byRow.get("rule.rules[2]")?.map((p) => p.message)).toEqual(["too short"]);
    expect(byRow.get("rule.rules[1].rule.rules[0]")?.map((p) => p.message)).toEqual(["not a duration"]);
    expect(byRow.get("rule.rules[1]")?.map((p) => p.message)).toEqual(["odd"]);
    expect(byRow.get("")?.map((p) => p.message)).toEqual(["required"]);
  });

  it("does not take row 10's problem for row 1's", () => {
    const paths = ["rule", "rule.rules[1]", "rule.rules[10]"];
    expect(problemsByRow([{ path: "rule.rules[10].event", message: "x" }], paths).get("rule.rules[10]")).toHaveLength(
      1,
    );
  });
});
