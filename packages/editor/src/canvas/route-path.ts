import type { LayoutDirection } from "@overture/core";

type Point = { x: number; y: number };

/**
 * A routed line fitted to the handles as the canvas drew them: null when the steps it joins are no longer where
 * the layout put them (moved by hand), so the caller draws an ordinary line instead. Drawn steps may be shorter than
 * the layout estimated, so the first and last legs stretch along the direction to meet the handles.
 */
export function fitRoute(points: Point[], source: Point, target: Point, direction: LayoutDirection): Point[] | null {
  const [across, along] = direction === "vertical" ? (["x", "y"] as const) : (["y", "x"] as const);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || Math.abs(first[across] - source[across]) > 4 || Math.abs(last[across] - target[across]) > 4)
    return null;
  const inner = points.slice(1, -1).map((p) => ({ ...p }));
  if ((inner[0] ?? target)[along] < source[along] - 1 || (inner.at(-1) ?? source)[along] > target[along] + 1)
    return null;
  if (inner.length > 1) {
    inner[0]![across] = source[across];
    inner.at(-1)![across] = target[across];
  }
  return [source, ...inner, target];
}

/** An SVG path through `points` with its corners rounded (radius up to 10, less where the legs are short). */
export function roundedPath(points: Point[]): string {
  const [start, ...rest] = points;
  if (!start) return "";
  let path = `M ${start.x} ${start.y}`;
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i]!;
    const next = rest[i + 1];
    const previous = points[i]!;
    if (!next) {
      path += ` L ${corner.x} ${corner.y}`;
      break;
    }
    const radius = Math.min(10, distance(previous, corner) / 2, distance(corner, next) / 2);
    const before = towards(corner, previous, radius);
    const after = towards(corner, next, radius);
    path += ` L ${before.x} ${before.y} Q ${corner.x} ${corner.y} ${after.x} ${after.y}`;
  }
  return path;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function towards(from: Point, to: Point, by: number): Point {
  const d = distance(from, to);
  return d === 0 ? from : { x: from.x + ((to.x - from.x) * by) / d, y: from.y + ((to.y - from.y) * by) / d };
}
