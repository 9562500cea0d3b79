import { describe, expect, it } from "vitest";
import { durationTicks } from "./axis-ticks.ts";

describe("duration axis ticks (issue 14: time to convert over time)", () => {
  it("counts in seconds under two minutes, each tick a different label", () => {
    const { ticks, format } = durationTicks(1_400);
    expect(ticks.map(format)).toEqual(["0 s", "0.5 s", "1 s", "1.5 s"]);
  });

  it("moves to minutes, hours and days as the largest value grows, and reaches past it", () => {
    const minutes = durationTicks(50 * 60_000);
    expect(minutes.ticks.map(minutes.format)).toEqual(["0 min", "20 min", "40 min", "60 min"]);
    const hours = durationTicks(9_000_000);
    expect(hours.ticks.map(hours.format)).toEqual(["0 h", "1 h", "2 h", "3 h"]);
    const days = durationTicks(9 * 86_400_000);
    expect(days.ticks.map(days.format)).toEqual(["0 d", "2.5 d", "5 d", "7.5 d", "10 d"]);
  });
});
