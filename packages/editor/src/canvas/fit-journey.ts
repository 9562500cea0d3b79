import type { Rect, Viewport } from "@xyflow/react";

/** Room kept around the journey when fitting it: the layout buttons above, a margin on the other sides (screen px). */
export type FitPadding = { top: number; bottom: number; x: number };

/**
 * The view "Fit view" shows: the whole journey, centred, when it fits at the `readable` zoom or closer (never closer
 * than `closest`); otherwise the `readable` zoom, showing the journey from its start (the trigger at the top, or at
 * the left) and centred across: a marketer reads every name and scrolls on, rather than seeing a thumbnail of names
 * cut to three letters. The minimap shows the whole journey's shape.
 */
export function fitJourney(
  bounds: Rect,
  screen: { width: number; height: number },
  pad: FitPadding,
  readable: number,
  closest: number,
): Viewport {
  const width = screen.width - 2 * pad.x;
  const height = screen.height - pad.top - pad.bottom;
  const fits = Math.min(width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
  const zoom = Math.min(closest, Math.max(readable, fits));
  // Along each axis: centred when the journey fits across it, else from its start.
  const along = (start: number, size: number, room: number, before: number) =>
    size * zoom <= room ? before + (room - size * zoom) / 2 - start * zoom : before - start * zoom;
  return { x: along(bounds.x, bounds.width, width, pad.x), y: along(bounds.y, bounds.height, height, pad.top), zoom };
}
