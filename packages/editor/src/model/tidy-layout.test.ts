import type { LayoutDirection } from "@overture/core";
import { type Step, validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { layoutHeight } from "./journey-graph.ts";
import { largeJourney } from "./large-journey.fixture.ts";
import { type Box, boxesOverlap, estimatedStepHeight } from "./step-size.ts";
import { directionOf, needsTidy, tidyDocument, tidyLayout } from "./tidy-layout.ts";

type Point = { x: number; y: number };

/** Whether the segment a→b (horizontal or vertical, as orthogonal routes are) passes through the inside of `box`. */
function crosses(a: Point, b: Point, box: Box): boolean {
  const inset = 1;
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x1 < box.x + box.width - inset && x2 > box.x + inset && y1 < box.y + box.height - inset && y2 > box.y + inset;
}

describe.each<LayoutDirection>(["vertical", "horizontal"])(
  "tidy layout of a 60-step journey, %s (issue 15, defect 7)",
  (direction) => {
    const generated = largeJourney(60);

    it("is a valid journey of 60 steps with branches, splits and waits", () => {
      expect(generated.steps).toHaveLength(60);
      expect(validateJourney(generated).problems).toEqual([]);
      expect(new Set(generated.steps.map((s) => s.type))).toEqual(
        new Set(["trigger", "email", "wait-for-event", "split", "branch", "exit"]),
      );
    });

    it("places every step, no two overlapping, lines never behind a step, no two labels on each other", async () => {
      const layout = await tidyLayout(generated.steps, direction);
      const boxes = new Map(
        generated.steps.map((s) => [
          s.id,
          { ...layout.positions.get(s.id)!, width: 240, height: layoutHeight(s, direction) },
        ]),
      );
      expect(boxes.size).toBe(60);
      const problems: string[] = [];
      const ids = [...boxes.keys()];
      for (const [i, a] of ids.entries())
        for (const b of ids.slice(i + 1)) if (boxesOverlap(boxes.get(a)!, boxes.get(b)!)) problems.push(`${a} × ${b}`);
      for (const [line, route] of layout.routes) {
        const [from, exit] = line.split(":");
        const step = generated.steps.find((s) => s.id === from)!;
        const to = exit === "timeout" && step.type === "wait-for-event" ? step.timeoutNext : undefined;
        for (const [id, box] of boxes) {
          if (id === from || id === to) continue;
          for (let k = 1; k < route.points.length; k++)
            if (crosses(route.points[k - 1]!, route.points[k]!, box)) problems.push(`${line} behind ${id}`);
        }
      }
      const labels = [...layout.routes].filter(([, r]) => r.label).map(([id, r]) => [id, r.label!] as const);
      expect(labels.length).toBeGreaterThan(20);
      for (const [i, [a, boxA]] of labels.entries())
        for (const [b, boxB] of labels.slice(i + 1)) if (boxesOverlap(boxA, boxB)) problems.push(`label ${a} × ${b}`);
      expect(problems).toEqual([]);
    });

    it("reads from the trigger to the end along the direction, and is saved with the journey", async () => {
      const tidied = await tidyDocument(generated, direction);
      expect(directionOf(tidied)).toBe(direction);
      const along = (id: string) =>
        tidied.steps.find((s) => s.id === id)!.position![direction === "vertical" ? "y" : "x"];
      const all = tidied.steps.map((s) => along(s.id));
      expect(along("start")).toBe(Math.min(...all));
      expect(along("done")).toBe(Math.max(...all));
      expect(needsTidy(tidied.steps)).toBe(false);
    });
  },
);

it("leaves room for a long step: the next step starts below its full estimated height", async () => {
  const tidied = await tidyDocument(largeJourney(16), "vertical");
  const long = tidied.steps.find((s) => s.name?.startsWith("A rather long"))!;
  const next = tidied.steps.find((s) => s.id === (long as { next: string }).next)!;
  expect(next.position!.y - long.position!.y).toBeGreaterThanOrEqual(estimatedStepHeight(long));
});

describe("layoutHeight", () => {
  it("keeps room for the figures a running journey adds, even when the draft's step was measured without them", () => {
    const step = { id: "welcome", type: "exit" } as Step;
    const measuredWithoutFigures = new Map([["welcome", { width: 240, height: 70 }]]);
    expect(layoutHeight(step, "vertical", measuredWithoutFigures)).toBe(Math.ceil(estimatedStepHeight(step)));
    expect(estimatedStepHeight(step)).toBeGreaterThan(estimatedStepHeight(step, false) + 40);
    const tallerThanEstimated = new Map([["welcome", { width: 240, height: 400 }]]);
    expect(layoutHeight(step, "vertical", tallerThanEstimated)).toBe(400);
  });
});
