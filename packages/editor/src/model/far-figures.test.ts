import { describe, expect, it } from "vitest";
import type { StepFigures } from "../canvas/canvas-model.ts";
import { farFigures } from "./far-figures.ts";

const base: StepFigures = { stepId: "welcome", waiting: 0, passed: 3, exited: 0, converted: 0, outcomes: {} };

describe("farFigures: a zoomed-out step's figures in one line", () => {
  it("says nothing for a draft with no figures", () => {
    expect(farFigures(undefined, false)).toBeNull();
  });

  it("gives the figures that are not zero: waiting, passed, converted, exited", () => {
    expect(farFigures(base, false)).toEqual({ text: "3 passed", warn: false });
    expect(farFigures({ ...base, waiting: 2 }, false)).toEqual({ text: "2 waiting · 3 passed", warn: false });
    // A goal that ends the journey: its customers converted and left, none passed.
    expect(farFigures({ ...base, passed: 0, exited: 1, converted: 1 }, false)).toEqual({
      text: "1 converted · 1 exited",
      warn: false,
    });
    expect(farFigures({ ...base, passed: 0 }, false)).toEqual({ text: "0 passed", warn: false });
  });

  it("adds failed deliveries, flagged, so a zoomed-out canvas does not hide them (issue 15, defect 4)", () => {
    const deliveries = { dead: 2, retrying: 1 } as StepFigures["deliveries"];
    expect(farFigures({ ...base, deliveries }, false)).toEqual({ text: "3 passed · 2 dead · 1 retrying", warn: true });
  });

  it("starts a simulation's line with how many it reached, and never flags simulated deliveries", () => {
    const deliveries = { dead: 2, retrying: 0 } as StepFigures["deliveries"];
    expect(farFigures({ ...base, reached: 40, deliveries }, true)).toEqual({
      text: "40 reached · 3 passed",
      warn: false,
    });
  });
});
