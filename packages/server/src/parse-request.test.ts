import { describe, expect, it } from "vitest";
import { formatPath, nestingDepth } from "./parse-request.ts";

describe("formatPath", () => {
  it("writes paths the way people read them", () => {
    expect(formatPath(["events", 3, "properties", "plan"])).toBe("events[3].properties.plan");
    expect(formatPath([])).toBe("");
    expect(formatPath(["name"], "events[2]")).toBe("events[2].name");
    expect(formatPath([0])).toBe("[0]");
  });
});

describe("nestingDepth", () => {
  it("counts nesting outside strings only", () => {
    expect(nestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(nestingDepth('{"a":"\\"[[["}')).toBe(1);
    expect(nestingDepth("3")).toBe(0);
  });
});
