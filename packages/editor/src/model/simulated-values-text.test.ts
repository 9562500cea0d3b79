import { describe, expect, it } from "vitest";
import { formatValueList, parseValueList } from "./simulated-values-text.ts";

describe("simulated value lists (issue 15, defect 3)", () => {
  it("reads what the user typed back into values, keeping numbers, yes/no and 'not set'", () => {
    expect(parseValueList("pro, team,other , (not set)")).toEqual(["pro", "team", "other", null]);
    expect(parseValueList("3, 4.5, true, -2")).toEqual([3, 4.5, true, -2]);
    expect(parseValueList("pro, ")).toEqual(["pro"]);
  });

  it("writes values the way they are read back", () => {
    const values = ["pro", 49.99, false, null];
    expect(formatValueList(values)).toBe("pro, 49.99, false, (not set)");
    expect(parseValueList(formatValueList(values))).toEqual(values);
  });
});
