import { useState } from "react";

/** How the journey is drawn: the free canvas, or a service blueprint of lanes with time left to right. */
export type CanvasView = "canvas" | "blueprint";

const KEY = "overture.editor.view";

function readView(): CanvasView {
  try {
    return localStorage.getItem(KEY) === "blueprint" ? "blueprint" : "canvas";
  } catch {
    return "canvas";
  }
}

/** The view the author chose last, remembered in this browser across journeys and reloads. */
export function useCanvasView(): [CanvasView, (view: CanvasView) => void] {
  const [view, setView] = useState<CanvasView>(readView);
  return [
    view,
    (next) => {
      setView(next);
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // A browser that keeps nothing (private mode) still switches; it just forgets on reload.
      }
    },
  ];
}

/** The "Canvas | Blueprint" switch of the toolbar. */
export function ViewToggle({ view, onChange }: { view: CanvasView; onChange: (view: CanvasView) => void }) {
  return (
    <fieldset className="view-toggle" aria-label="View">
      {(["canvas", "blueprint"] as const).map((v) => (
        <button
          type="button"
          key={v}
          aria-pressed={view === v}
          className={view === v ? "active" : undefined}
          onClick={() => onChange(v)}
          title={
            v === "canvas"
              ? "The journey as a flow you arrange"
              : "The journey as a service blueprint: lanes, time left to right"
          }
        >
          {v === "canvas" ? "Canvas" : "Blueprint"}
        </button>
      ))}
    </fieldset>
  );
}
