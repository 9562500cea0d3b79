import { describe, expect, it } from "vitest";
import { compare } from "../interpreter/conditions.ts";
import type { SimulatedValues } from "../model/simulation.ts";
import { spreadValues, type ValueTest } from "./spread-values.ts";

/** Whether the values can fall on both sides of the test (issue 15, defect 3). */
function bothSides(values: SimulatedValues, test: ValueTest): [boolean, boolean] {
  const samples = values.type === "range" ? [values.min, (values.min + values.max) / 2, values.max] : values.values;
  const results = samples.map((v) => compare(v ?? undefined, test.op, test.value));
  return [results.includes(true), results.includes(false)];
}

describe("spreadValues", () => {
  it("spreads numbers around a threshold, in cents when the threshold has them", () => {
    const test: ValueTest = { op: "gt", value: 49.99 };
    expect(spreadValues([test])).toEqual({ type: "range", min: 24.99, max: 74.99 });
    expect(bothSides(spreadValues([test]), test)).toEqual([true, true]);
  });

  it("keeps whole numbers whole and covers every threshold of a field", () => {
    expect(spreadValues([{ op: "gte", value: 3 }])).toEqual({ type: "range", min: 1, max: 5 });
    const values = spreadValues([
      { op: "gt", value: 10 },
      { op: "lt", value: 100 },
    ]);
    expect(values).toEqual({ type: "range", min: -40, max: 150 });
  });

  it("lists the values of 'is one of' plus another one", () => {
    const test: ValueTest = { op: "in", value: ["pro", "team"] };
    expect(spreadValues([test])).toEqual({ type: "one-of", values: ["pro", "team", "other"] });
    expect(bothSides(spreadValues([test]), test)).toEqual([true, true]);
    expect(spreadValues([{ op: "eq", value: "other" }])).toEqual({ type: "one-of", values: ["other", "other-2"] });
    expect(spreadValues([{ op: "eq", value: 3 }])).toEqual({ type: "one-of", values: [3, 4] });
  });

  it("gives yes and no, and 'not set' when a test asks whether the value is set", () => {
    expect(spreadValues([{ op: "eq", value: true }])).toEqual({ type: "one-of", values: [true, false] });
    const exists: ValueTest = { op: "exists" };
    expect(spreadValues([exists])).toEqual({ type: "one-of", values: ["yes", null] });
    expect(bothSides(spreadValues([exists]), exists)).toEqual([true, true]);
    expect(spreadValues([{ op: "eq", value: "gold" }, { op: "not-exists" }])).toEqual({
      type: "one-of",
      values: ["gold", "other", null],
    });
  });
});
