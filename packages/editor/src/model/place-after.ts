import type { Step } from "@overture/core";
import { stepExits } from "./step-exits.ts";

/** How far below the selected step a step added after it goes, and how far apart the paths of a step with several exits are. */
const BELOW = 200;
const APART = 300;

/** Where a step added after another goes, and the exit of that step that leads to it (none when every exit is taken). */
export type Placement = { position: { x: number; y: number }; from?: { stepId: string; exit: string } };

/**
 * A step added from the palette while `anchor` is selected: it is connected from the anchor's first exit that leads
 * nowhere yet, so a wait for an event gets its event path, then its timeout path, from two clicks; it goes below the
 * anchor, under that exit when there are several, so the paths stand side by side as the canvas draws the exits.
 */
export function placeAfter(anchor: Step): Placement {
  const at = anchor.position ?? { x: 0, y: 0 };
  const exits = stepExits(anchor);
  const free = exits.findIndex((e) => e.target === null);
  if (free < 0) return { position: { x: at.x, y: at.y + BELOW } };
  const sideways = (free - (exits.length - 1) / 2) * APART;
  return { position: { x: at.x + sideways, y: at.y + BELOW }, from: { stepId: anchor.id, exit: exits[free]!.exit } };
}
