import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.ts";
import { OffsetClock } from "./offset-clock.ts";

describe("OffsetClock", () => {
  it("follows its base clock and adds what it was advanced by", () => {
    const base = new VirtualClock(1_000);
    const clock = new OffsetClock(base);
    expect(clock.now()).toBe(1_000);
    expect(clock.advance(86_400_000)).toBe(86_401_000);
    base.advance(5);
    expect(clock.now()).toBe(86_401_005);
    expect(clock.offsetMs).toBe(86_400_000);
  });

  it("refuses to go back or to move by a non-number", () => {
    const clock = new OffsetClock(new VirtualClock(0));
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(0);
  });

  it("runs on the system clock by default", () => {
    const before = Date.now();
    const now = new OffsetClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThan(before + 60_000);
  });
});
