import { describe, expect, it } from "vitest";
import { rangeQuery } from "./report-range.ts";

const NOW = Date.parse("2026-12-05T14:30:00Z");

describe("the report's date range (issue 14)", () => {
  it("ends the last N days at the end of today (UTC), in whole days", () => {
    expect(rangeQuery({ type: "last", days: 7 }, "day", NOW)).toEqual({
      from: "2026-11-29T00:00:00.000Z",
      to: "2026-12-06T00:00:00.000Z",
      interval: "day",
    });
    expect(rangeQuery({ type: "last", days: 90 }, "week", NOW)).toMatchObject({ from: "2026-09-07T00:00:00.000Z" });
  });

  it("includes both days of a custom range", () => {
    expect(rangeQuery({ type: "custom", from: "2026-11-01", to: "2026-11-01" }, "hour", NOW)).toEqual({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-02T00:00:00.000Z",
      interval: "hour",
    });
  });

  it("says what is wrong with a custom range instead of asking for it", () => {
    expect(rangeQuery({ type: "custom", from: "", to: "2026-11-01" }, "day", NOW)).toEqual({
      problem: "Choose the first day of the range.",
    });
    expect(rangeQuery({ type: "custom", from: "2026-11-05", to: "2026-11-01" }, "day", NOW)).toEqual({
      problem: "The last day comes before the first.",
    });
  });

  it("refuses hours over more than 31 days (thousands of points nobody can read)", () => {
    expect(rangeQuery({ type: "last", days: 90 }, "hour", NOW)).toHaveProperty("problem");
    expect(rangeQuery({ type: "last", days: 30 }, "hour", NOW)).not.toHaveProperty("problem");
  });
});
