import type { JourneySettings, LayoutDirection, Step } from "@overture/core";

type Position = { x: number; y: number };

/**
 * One edit of a journey document, as the canvas and the side panel express it. Changes are data: the reducer
 * applies them, the history records the documents they produce, and autosave sends the result.
 */
export type JourneyChange =
  | { type: "add-step"; step: Step; from?: { stepId: string; exit: string } }
  | { type: "remove-steps"; stepIds: string[] }
  | { type: "connect"; stepId: string; exit: string; target: string | null }
  | { type: "move"; stepId: string; position: Position }
  | { type: "update-step"; stepId: string; step: Step }
  | { type: "paste"; steps: Step[]; offset: Position }
  /** The journey laid out afresh (positions computed by the tidy layout, which is async) in `direction`, saved with it. */
  | { type: "tidy-layout"; direction: LayoutDirection; positions: Record<string, Position> }
  | { type: "rename-journey"; name: string }
  | { type: "update-settings"; settings: JourneySettings };
