import { validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { applyJourneyChange } from "./journey-reducer.ts";
import { largeJourney } from "./large-journey.fixture.ts";
import { estimatedStepHeight, needsTidy, stepsOverlap } from "./tidy-layout.ts";

describe("tidy layout of a 60-step journey (issue #4)", () => {
  const generated = largeJourney(60);
  const tidied = applyJourneyChange(generated, { type: "tidy-layout" });

  it("is a valid journey of 60 steps with branches, splits and waits", () => {
    expect(generated.steps).toHaveLength(60);
    expect(validateJourney(generated).problems).toEqual([]);
    expect(new Set(generated.steps.map((s) => s.type))).toEqual(new Set(["trigger", "email", "wait-for-event", "split", "branch", "exit"]));
  });

  it("places every step, and no two steps overlap, counting their figures and long names", () => {
    expect(tidied.steps.every((s) => s.position !== undefined)).toBe(true);
    const overlapping: string[] = [];
    for (const [i, a] of tidied.steps.entries())
      for (const b of tidied.steps.slice(i + 1)) {
        // Boxes as drawn: 240 px wide, as tall as the text and figures make them.
        const [pa, pb] = [a.position!, b.position!];
        const upper = pa.y <= pb.y ? a : b;
        if (Math.abs(pa.x - pb.x) < 240 && Math.abs(pa.y - pb.y) < estimatedStepHeight(upper)) overlapping.push(`${a.id} × ${b.id}`);
        if (stepsOverlap(a, b)) overlapping.push(`${a.id} × ${b.id} (stepsOverlap)`);
      }
    expect(overlapping).toEqual([]);
    expect(needsTidy(tidied.steps)).toBe(false);
  });

  it("puts each step below the step that first reaches it, so the journey reads top down", () => {
    const y = new Map(tidied.steps.map((s) => [s.id, s.position!.y]));
    const start = tidied.steps.find((s) => s.type === "trigger")!;
    expect(y.get(start.id)).toBe(Math.min(...y.values()));
    expect(y.get("done")).toBe(Math.max(...y.values()));
  });

  it("leaves room for a long step: the row below starts under its full height", () => {
    const long = tidied.steps.find((s) => s.name?.startsWith("A rather long"))!;
    const next = tidied.steps.find((s) => s.id === (long as { next: string }).next)!;
    expect(next.position!.y - long.position!.y).toBeGreaterThanOrEqual(estimatedStepHeight(long));
  });
});
