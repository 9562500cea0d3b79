import type { JourneyDocument, LayoutDirection, Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";
import { type Box, boxesOverlap, stepBox } from "./step-size.ts";

/** How far past the selected step a step added after it goes, and how far apart the paths of a step with several exits are. */
const AFTER = { vertical: { along: 200, apart: 300 }, horizontal: { along: 320, apart: 220 } } as const;
/** The least room kept between a new step and the steps already there. */
const MARGIN = 24;
/** How finely, and how far, the canvas is searched for free room around the wanted place. */
const GRID = 20;
const RINGS = 150;

type Point = { x: number; y: number };

/** Where a step added after another goes, and the exit of that step that leads to it (none when every exit is taken). */
export type Placement = { position: Point; from?: { stepId: string; exit: string } };

/**
 * A step added from the palette while `anchor` is selected: it is connected from the anchor's first exit that leads
 * nowhere yet, so a wait for an event gets its event path, then its timeout path, from two clicks; it goes after the
 * anchor (below, or to the right left to right), beside the others when there are several exits, so the paths stand
 * side by side as the canvas draws the exits. Where that place is taken by `steps`, the nearest free room further on.
 */
export function placeAfter(
  anchor: Step,
  steps: Step[] = [],
  direction: LayoutDirection = "vertical",
  added?: Step,
): Placement {
  const at = anchor.position ?? { x: 0, y: 0 };
  const exits = stepExits(anchor);
  const free = exits.findIndex((e) => e.target === null);
  const { along, apart } = AFTER[direction];
  const sideways = free < 0 ? 0 : (free - (exits.length - 1) / 2) * apart;
  const wanted =
    direction === "vertical" ? { x: at.x + sideways, y: at.y + along } : { x: at.x + along, y: at.y + sideways };
  const position = freeSpot(steps, wanted, { forward: direction, added });
  return free < 0 ? { position } : { position, from: { stepId: anchor.id, exit: exits[free]!.exit } };
}

/**
 * Where a new step goes: dropped at a place, there or the nearest free room; added after the selected step, as
 * {@link placeAfter}; otherwise after the last step of the journey. Never on top of another step.
 */
export function placeNewStep(
  document: JourneyDocument,
  added: Step,
  options: { dropped?: Point; after?: Step },
): Placement {
  const direction = document.layout?.direction ?? "vertical";
  if (options.dropped) return { position: freeSpot(document.steps, options.dropped, { added }) };
  if (options.after) return placeAfter(options.after, document.steps, direction, added);
  const key = direction === "vertical" ? "y" : "x";
  const last = Math.max(-200, ...document.steps.map((s) => s.position?.[key] ?? 0));
  return {
    position: freeSpot(document.steps, key === "y" ? { x: 0, y: last + 200 } : { x: last + 320, y: 0 }, { added }),
  };
}

/**
 * The free place nearest `wanted` for a new step: searched ring by ring outwards on a 20 px grid, keeping
 * {@link MARGIN} from every step's box (its estimated height, figures counted). `forward` keeps the search from going
 * back up (or left) past `wanted`, so a step added after another stays after it.
 */
export function freeSpot(
  steps: Step[],
  wanted: Point,
  options: { forward?: LayoutDirection; added?: Step } = {},
): Point {
  const boxes = steps.map((s) => stepBox(s));
  const size = options.added ? stepBox(options.added) : { width: 240, height: 200 };
  const fits = (p: Point) => {
    const box: Box = { ...p, width: size.width, height: size.height };
    return boxes.every((b) => !boxesOverlap(box, b, MARGIN));
  };
  if (fits(wanted)) return wanted;
  for (let ring = 1; ring <= RINGS; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++)
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        if ((options.forward === "vertical" && dy < 0) || (options.forward === "horizontal" && dx < 0)) continue;
        candidates.push({ x: wanted.x + dx * GRID, y: wanted.y + dy * GRID });
      }
    candidates.sort((a, b) => distance(a, wanted) - distance(b, wanted));
    const found = candidates.find(fits);
    if (found) return found;
  }
  // Nothing free nearby (a huge journey): past every step, where there is always room.
  const key = options.forward === "horizontal" ? "x" : "y";
  const end = Math.max(...boxes.map((b) => b[key] + (key === "y" ? b.height : b.width)));
  return key === "y" ? { x: wanted.x, y: end + MARGIN } : { x: end + MARGIN, y: wanted.y };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
