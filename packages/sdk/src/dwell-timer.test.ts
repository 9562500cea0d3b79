import { describe, expect, it } from "vitest";
import { DwellTimer } from "./dwell-timer.ts";

describe("DwellTimer", () => {
  it("counts only the time the page was visible", () => {
    let now = 1_000;
    const timer = new DwellTimer(() => now, true);
    now += 4_000;
    timer.setVisible(false);
    now += 60_000; // in a background tab: not reading
    timer.setVisible(true);
    now += 1_500;
    expect(timer.elapsed()).toBe(5_500);
    expect(timer.stop()).toBe(5_500);
    now += 10_000;
    expect(timer.stop()).toBe(5_500);
    timer.setVisible(true);
    expect(timer.elapsed()).toBe(5_500);
  });

  it("starts at zero when the page is hidden and ignores repeated changes", () => {
    let now = 0;
    const timer = new DwellTimer(() => now, false);
    now += 3_000;
    timer.setVisible(false);
    expect(timer.elapsed()).toBe(0);
    timer.setVisible(true);
    now += 200;
    timer.setVisible(true);
    now += 300;
    expect(timer.stop()).toBe(500);
  });
});
