import type { JourneyDocument, Step } from "@overture/core";
import { type Dispatch, useEffect, useRef } from "react";
import type { HistoryAction } from "../model/journey-history.ts";
import { applyJourneyChange } from "../model/journey-reducer.ts";

/**
 * Keys for the whole editor page: Ctrl-Z undo, Ctrl-Shift-Z or Ctrl-Y redo, Ctrl-C / Ctrl-V copy and paste steps,
 * `?` the list of shortcuts. Moving between steps is the canvas's (JourneyCanvas), Delete is xyflow's.
 */
export function useEditorKeys(options: {
  document: JourneyDocument;
  selected: ReadonlySet<string>;
  readOnly: boolean;
  dispatch: Dispatch<HistoryAction>;
  onPasted: (stepIds: string[]) => void;
  onHelp?: () => void;
}): void {
  const latest = useRef(options);
  latest.current = options;
  const clipboard = useRef<Step[]>([]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { document, selected, readOnly, dispatch, onPasted, onHelp } = latest.current;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.key === "?" && !event.ctrlKey && !event.metaKey && onHelp) {
        event.preventDefault();
        onHelp();
        return;
      }
      if (readOnly || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === "z") dispatch({ type: event.shiftKey ? "redo" : "undo" });
      else if (key === "y") dispatch({ type: "redo" });
      else if (key === "c") clipboard.current = document.steps.filter((s) => selected.has(s.id));
      else if (key === "v" && clipboard.current.length > 0) {
        const change = { type: "paste", steps: clipboard.current, offset: { x: 60, y: 60 } } as const;
        dispatch({ type: "apply", change });
        // The reducer is pure: running it here too tells which ids the copies got, to select them.
        onPasted(
          applyJourneyChange(document, change)
            .steps.slice(document.steps.length)
            .map((s) => s.id),
        );
      } else return;
      event.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}
