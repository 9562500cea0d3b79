import { describe, expect, it } from "vitest";
import { formatBucket, formatCount, formatDuration, formatPValue, formatRate } from "./format.ts";

describe("report number formats (issue 14)", () => {
  it("writes counts with separators and rates as percentages, small ones with two digits", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatRate(0.125)).toBe("12.5 %");
    expect(formatRate(0.0004)).toBe("0.04 %");
    expect(formatRate(0)).toBe("0.0 %");
    expect(formatRate(null)).toBe("—");
  });

  it("writes durations in their two largest units", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
    expect(formatDuration(200 * 60_000)).toBe("3 h 20 min");
    expect(formatDuration(53 * 3_600_000)).toBe("2 d 5 h");
    expect(formatDuration(null)).toBe("—");
  });

  it("writes p-values and buckets (UTC)", () => {
    expect(formatPValue(0.0149)).toBe("0.015");
    expect(formatPValue(0.0001)).toBe("< 0.001");
    expect(formatBucket(Date.UTC(2026, 11, 5), "day")).toBe("5 Dec 2026");
    expect(formatBucket(Date.UTC(2026, 11, 5, 14), "hour")).toBe("5 Dec, 14:00 UTC");
  });
});
