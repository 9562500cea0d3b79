import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "./json-error-offset.ts";

describe("jsonErrorOffset", () => {
  it("is null for JSON, whatever JSON.parse accepts", () => {
    for (const text of [
      '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}',
      " 3 ",
      '""',
      "[]",
      "{}",
      '{"a":{"b":[[]]}}',
    ]) {
      expect(jsonErrorOffset(text), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it("points at the first character that cannot continue the JSON", () => {
    expect(jsonErrorOffset('{"a": x}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1 "b": 2}')).toBe(8);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset("[1, 2")).toBe(5);
    expect(jsonErrorOffset("")).toBe(0);
    expect(jsonErrorOffset('{"a": "b\nc"}')).toBe(8);
    expect(jsonErrorOffset("[01]")).toBe(2);
    expect(jsonErrorOffset("{} x")).toBe(3);
    expect(jsonErrorOffset("[".repeat(600))).toBe(501);
  });
});
