import { describe, expect, it } from "vitest";
import { asGroup, fromGroup, kindOf, newCondition, parseValueText, valueText } from "./condition-edit.ts";
import { splitDuration } from "./DurationField.tsx";

describe("condition builder helpers", () => {
  it("reads value boxes as the values conditions compare", () => {
    expect(parseValueText("pro", "eq")).toBe("pro");
    expect(parseValueText("10", "gte")).toBe(10);
    expect(parseValueText("10", "eq")).toBe("10");
    expect(parseValueText("10", "eq", true)).toBe(10);
    expect(parseValueText("true", "eq")).toBe(true);
    expect(parseValueText("pro, team,", "in")).toEqual(["pro", "team"]);
    expect(parseValueText("anything", "exists")).toBeUndefined();
    expect(valueText(["pro", 3])).toBe("pro, 3");
    expect(valueText(undefined)).toBe("");
  });

  it("keeps a single condition single and a group a group", () => {
    const login = newCondition("event", { event: "portal.login" });
    expect(login).toEqual({ type: "event", event: "portal.login" });
    expect(asGroup(login)).toEqual({ type: "all", conditions: [login] });
    expect(fromGroup(asGroup(login))).toEqual(login);
    const both = { type: "any" as const, conditions: [login, newCondition("top-topic", { topic: "billing" })] };
    expect(fromGroup(asGroup(both))).toEqual(both);
    expect(kindOf({ type: "not", condition: login })).toBe("event");
    expect(kindOf(newCondition("group", {}))).toBe("group");
  });
});

describe("splitDuration", () => {
  it("splits what one number and one unit can show, and nothing else", () => {
    expect(splitDuration("7d")).toEqual({ amount: 7, unit: "d" });
    expect(splitDuration("30m")).toEqual({ amount: 30, unit: "m" });
    expect(splitDuration("1d12h")).toBeNull();
    expect(splitDuration("45s")).toBeNull();
  });
});
