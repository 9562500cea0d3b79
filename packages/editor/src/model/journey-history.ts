import type { JourneyDocument } from "@overture/core";
import type { JourneyChange } from "./journey-change.ts";
import { applyJourneyChange } from "./journey-reducer.ts";

/** The documents before and after the present one; undo and redo move along them. */
export type JourneyHistory = {
  past: JourneyDocument[];
  present: JourneyDocument;
  future: JourneyDocument[];
  /** Changes with the same key in a row (one drag, typing in one field) make a single undo step. */
  lastKey: string | null;
};

/** What the editor does to its history. */
export type HistoryAction =
  | { type: "apply"; change: JourneyChange; key?: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; document: JourneyDocument };

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200;

/** A history whose present is `document`, with nothing to undo. */
export function startHistory(document: JourneyDocument): JourneyHistory {
  return { past: [], present: document, future: [], lastKey: null };
}

/** The React reducer of the editor: applies changes, undoes and redoes them. */
export function journeyHistoryReducer(history: JourneyHistory, action: HistoryAction): JourneyHistory {
  switch (action.type) {
    case "apply": {
      const next = applyJourneyChange(history.present, action.change);
      if (next === history.present) return history;
      const key = action.key ?? null;
      if (key !== null && key === history.lastKey) return { ...history, present: next, future: [] };
      return {
        past: [...history.past, history.present].slice(-HISTORY_LIMIT),
        present: next,
        future: [],
        lastKey: key,
      };
    }
    case "undo": {
      const previous = history.past.at(-1);
      if (!previous) return history;
      return {
        past: history.past.slice(0, -1),
        present: previous,
        future: [history.present, ...history.future],
        lastKey: null,
      };
    }
    case "redo": {
      const [next, ...rest] = history.future;
      if (!next) return history;
      return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
    }
    case "reset":
      return startHistory(action.document);
  }
}
