import { describe, expect, it } from "vitest";
import { estimateWords, sizeWords } from "./segment-words.ts";

describe("segments in plain words (issue 14)", () => {
  it("says an estimate as exact or as a range from a sample", () => {
    expect(estimateWords({ estimate: 42, low: 42, high: 42, exact: true, sampled: 42 })).toBe("exactly 42 customers");
    expect(estimateWords({ estimate: 12300, low: 12000, high: 12600, exact: false, sampled: 5000 })).toBe(
      "≈ 12,300 customers (12,000–12,600), from a sample of 5,000",
    );
  });

  it("says a size with how far the build has gone", () => {
    expect(sizeWords({ size: 1, status: "ready", built: { partitions: 8, of: 8 } })).toBe("1 customer");
    expect(sizeWords({ size: 1204, status: "building", built: { partitions: 3, of: 8 } })).toBe(
      "1,204 customers so far (building: 3 of 8 parts done)",
    );
  });
});
