import { describe, expect, it } from "vitest";
import { intOption, onePositional, parseCommandArgs, UsageError } from "./usage.ts";

describe("command-line helpers", () => {
  it("reads whole numbers within bounds, or names the flag", () => {
    expect(intOption(undefined, "days", 30, 1, 10)).toBe(30);
    expect(intOption("7", "days", 30, 1, 10)).toBe(7);
    expect(() => intOption("7.5", "days", 30, 1, 10)).toThrow(/--days must be a whole number/);
    expect(() => intOption("11", "days", 30, 1, 10)).toThrow(/--days must be between 1 and 10/);
  });

  it("turns parseArgs errors and positional mistakes into usage errors", () => {
    expect(() => parseCommandArgs(["--nope"], { json: { type: "boolean" } })).toThrow(UsageError);
    expect(() => onePositional([], "validate")).toThrow(/needs a FILE/);
    expect(() => onePositional(["a", "b"], "validate")).toThrow(/takes one FILE/);
    expect(onePositional(["a"], "validate")).toBe("a");
  });
});
