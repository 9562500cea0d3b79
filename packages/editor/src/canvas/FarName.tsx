import { useStore } from "@xyflow/react";
import { useLayoutEffect, useRef, useState } from "react";
import type { FarFigures } from "../model/far-figures.ts";

/**
 * Below this zoom a step's own text is too small to read (its 14 px name under 10 px on screen, its summary under 9):
 * it shows its name alone. A journey of a few steps opens closer than this, with everything shown.
 */
export const FAR_ZOOM = 0.7;
/**
 * The least zoom the canvas goes to, and where "Fit view" stops for a long journey: a step is then 120 px wide on
 * screen, room for about 14 characters of its name at {@link SCREEN_PX} on each line, and a line's label is 11 px.
 * Further out, a step could show only its first three or four letters.
 */
export const READABLE_ZOOM = 0.5;
/** How big a zoomed-out step's name is on screen, whatever the zoom: the size of small body text. */
const SCREEN_PX = 12;
const LINE_HEIGHT = 1.15;

/**
 * A zoomed-out step's name, counter-scaled with the zoom so it stays 12 px on screen, over the step's box and cut to
 * the lines that fit in it, one at least: a single line is cut with an ellipsis rather than wrapped, so a long
 * first word does not leave the rest of the line empty. The box keeps its size, so the layout is the same at every
 * zoom. A published or simulated journey's step keeps one line of figures under its name, at the same size. Hidden
 * from assistive technology: the step's own name and figures, still there underneath, are what they read.
 */
export function FarName({ name, figures }: { name: string; figures?: FarFigures | null }) {
  // In steps of 2%, so zooming re-renders steps only when the size visibly changes.
  const zoom = useStore((s) => Math.max(0.05, Math.round(s.transform[2] * 50) / 50));
  const box = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(120);
  useLayoutEffect(() => {
    const measured = box.current?.parentElement?.offsetHeight;
    if (measured && measured !== height) setHeight(measured);
  });
  const fontSize = Math.max(14, SCREEN_PX / zoom);
  const lines = Math.max(1, Math.floor((height - 8) / (fontSize * LINE_HEIGHT)) - (figures ? 1 : 0));
  return (
    <div ref={box} className="step-name-far" aria-hidden="true" style={{ fontSize, lineHeight: LINE_HEIGHT }}>
      <span className={lines === 1 ? "one-line" : undefined} style={{ WebkitLineClamp: lines }}>
        {name}
      </span>
      {figures && <span className={`far-figures${figures.warn ? " warn" : ""}`}>{figures.text}</span>}
    </div>
  );
}
