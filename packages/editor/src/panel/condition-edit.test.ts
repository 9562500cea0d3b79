import type { ConditionValue, Operator } from "@overture/core";
import { describe, expect, it } from "vitest";
import {
  asGroup,
  fromGroup,
  kindOf,
  newCondition,
  parseValueText,
  typedTextHolds,
  valueText,
  valueTextProblem,
} from "./condition-edit.ts";
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

  it("reads decimals and lists with spaces", () => {
    expect(parseValueText("49.99", "gt")).toBe(49.99);
    expect(parseValueText(" pro ,  team ", "in")).toEqual(["pro", "team"]);
  });

  /** What a value box shows after each keystroke, as ValueInput decides it, and the value it sends. */
  function typeInto(keys: string, op: Operator, numeric = false): { shown: string; value: ConditionValue | undefined } {
    let typed = "";
    let value: ConditionValue | undefined = parseValueText("", op, numeric);
    let shown = "";
    for (const key of keys) {
      typed = shown + key;
      value = parseValueText(typed, op, numeric);
      shown = typedTextHolds(typed, value, op, numeric) ? typed : valueText(value);
    }
    return { shown, value };
  }

  it("issue 15, defect 1: a comma or a decimal point typed one key at a time stays in the box", () => {
    expect(typeInto("pro, team", "in")).toEqual({ shown: "pro, team", value: ["pro", "team"] });
    expect(typeInto("49.99", "gt")).toEqual({ shown: "49.99", value: 49.99 });
    expect(typeInto("10.5", "eq", true)).toEqual({ shown: "10.5", value: 10.5 });
  });

  it("shows the document's value when it changed elsewhere (undo, another operator)", () => {
    expect(typedTextHolds("pro,", ["pro"], "in")).toBe(true);
    expect(typedTextHolds("49.", 49, "gt")).toBe(true);
    expect(typedTextHolds("pro, team", ["pro"], "in")).toBe(false);
    expect(typedTextHolds("", undefined, "exists")).toBe(true);
  });

  it("says when the text of a comparison of size is not a number", () => {
    expect(valueTextProblem("49,99", "gt")).toBe(
      '"49,99" is not a number: write it with digits and a point for decimals, like 49.99',
    );
    expect(valueTextProblem("49.99", "lte")).toBeNull();
    expect(valueTextProblem("", "gt")).toBeNull();
    expect(valueTextProblem("pro, team", "in")).toBeNull();
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
