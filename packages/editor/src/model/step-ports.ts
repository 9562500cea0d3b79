import type { LayoutDirection } from "@overture/core";

/** How wide a step is drawn on the canvas, in canvas pixels (the node's CSS width). */
export const STEP_WIDTH = 240;
/** In a left-to-right layout: how far below a step's top its way in and first way out sit, and how far apart its ways out are. */
export const SIDE_PORTS = { top: 34, gap: 26 } as const;

/** A point relative to a step's top-left corner. */
export type PortPoint = { x: number; y: number };

/**
 * Where the lines into a step arrive: the middle of its top edge top to bottom, or a fixed height on its left edge
 * left to right (fixed, so it does not move when the step's text makes it taller). The layout and the canvas's
 * handles both use this, so the lines the layout routes start and end where the handles are drawn.
 */
export function entryPort(direction: LayoutDirection): PortPoint {
  return direction === "vertical" ? { x: STEP_WIDTH / 2, y: 0 } : { x: 0, y: SIDE_PORTS.top };
}

/** Where exit `index` of `count` leaves a step `height` tall: spread along the bottom edge, or stacked down the right edge. */
export function exitPort(direction: LayoutDirection, index: number, count: number, height: number): PortPoint {
  return direction === "vertical"
    ? { x: (STEP_WIDTH * (index + 1)) / (count + 1), y: height }
    : { x: STEP_WIDTH, y: SIDE_PORTS.top + index * SIDE_PORTS.gap };
}

/** The least height a step with `count` exits needs left to right, so its stacked exits stay on its edge. */
export function sideHeight(count: number): number {
  return SIDE_PORTS.top + Math.max(0, count - 1) * SIDE_PORTS.gap + 22;
}
