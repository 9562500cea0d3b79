import { describe, expect, it } from "vitest";
import { fitJourney } from "./fit-journey.ts";

const screen = { width: 760, height: 748 };
const pad = { top: 64, bottom: 24, x: 24 };

describe("fitJourney", () => {
  it("shows a journey that fits at a readable zoom whole and centred", () => {
    const view = fitJourney({ x: 0, y: 0, width: 1000, height: 600 }, screen, pad, 0.5, 1);
    expect(view.zoom).toBeCloseTo(0.712, 3);
    expect(view.x).toBeCloseTo(24, 0);
    expect(view.y).toBeCloseTo(64 + (660 - 600 * view.zoom) / 2, 3);
  });

  it("never zooms a short journey closer than the closest zoom", () => {
    expect(fitJourney({ x: 0, y: 0, width: 240, height: 100 }, screen, pad, 0.5, 1).zoom).toBe(1);
  });

  it("shows a long journey from its start at the readable zoom, centred across", () => {
    // Left to right, 4000 px long: the trigger at the left edge, centred top to bottom.
    const wide = fitJourney({ x: 12, y: 12, width: 4000, height: 600 }, screen, pad, 0.5, 1);
    expect(wide).toEqual({ x: 24 - 6, y: 64 + (660 - 300) / 2 - 6, zoom: 0.5 });
    // Top to bottom, 3000 px long: the trigger at the top, centred left to right.
    const tall = fitJourney({ x: 0, y: 100, width: 800, height: 3000 }, screen, pad, 0.5, 1);
    expect(tall).toEqual({ x: 24 + (712 - 400) / 2, y: 64 - 50, zoom: 0.5 });
  });
});
