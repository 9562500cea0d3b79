import type { JourneyDocument } from "@overture/core";
import { useEffect, useMemo, useState } from "react";
import type { StepSizes } from "../model/journey-graph.ts";
import { directionOf, type JourneyLayout, tidyLayout } from "../model/tidy-layout.ts";

const LAYOUT_DELAY_MS = 250;

function samePlace(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): boolean {
  return a !== undefined && b !== undefined && Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
}

/**
 * The tidy layouts of the journey as it is now, computed in the background (ELK is asynchronous): with the steps'
 * sizes as drawn (what "Tidy layout" uses) and as estimated (what a journey tidied on opening got). The lines follow
 * the routes of whichever put their two steps where they are. Recomputed only when something a layout depends on
 * changes (steps, their text and exits, their sizes, the direction), not when a step is moved.
 */
export function useJourneyLayouts(document: JourneyDocument, sizes: StepSizes): JourneyLayout[] {
  const direction = directionOf(document);
  const key = useMemo(
    () =>
      JSON.stringify([
        direction,
        document.steps.map(({ position: _p, ...step }) => step),
        [...sizes].map(([id, s]) => [id, Math.ceil(s.height)]),
      ]),
    [direction, document.steps, sizes],
  );
  const [layouts, setLayouts] = useState<JourneyLayout[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the steps, sizes and direction it was made from
  useEffect(() => {
    let current = true;
    // ELK takes a noticeable moment on a long journey: laid out once typing or measuring pauses, not on every key.
    const timer = setTimeout(async () => {
      try {
        const drawn = await tidyLayout(document.steps, direction, sizes);
        // Only a journey tidied on opening (sizes estimated) needs the second layout.
        const fits = document.steps.every((s) => samePlace(s.position, drawn.positions.get(s.id)));
        const computed = fits ? [drawn] : [drawn, await tidyLayout(document.steps, direction)];
        if (current) setLayouts(computed);
      } catch (error) {
        console.error(`Tidy layout failed: ${(error as Error).message}`);
      }
    }, LAYOUT_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  // Layouts of older steps may still fit most lines: kept until the new ones are ready (each line checks its steps).
  return layouts;
}
