import type { Step } from "@overture/core";

/** The four lanes of a service blueprint (Nielsen Norman Group), top to bottom. */
export const BLUEPRINT_LANES = [
  {
    id: "customer",
    label: "Customer actions",
    hint: "What the customer does: the events the journey starts on, waits for and counts as its goal",
  },
  {
    id: "frontstage",
    label: "Frontstage",
    hint: "What the customer sees: emails, portal notifications, personalized content",
  },
  {
    id: "backstage",
    label: "Backstage",
    hint: "What happens out of sight: decisions, recommendations, webhooks, profile updates",
  },
  { id: "support", label: "Support processes", hint: "The internal workflows the webhooks start" },
] as const;

/** One of {@link BLUEPRINT_LANES}. */
export type BlueprintLaneId = (typeof BLUEPRINT_LANES)[number]["id"];

/** Where a step sits: a lane, or the time axis above the lanes (waits and ends mark time and flow, not work). */
export type BlueprintRow = BlueprintLaneId | "time";

/** The three lines a blueprint draws between its lanes, each under the lane named in `above`. */
export const BLUEPRINT_LINES = [
  { id: "interaction", label: "Line of interaction", above: "customer" },
  { id: "visibility", label: "Line of visibility", above: "frontstage" },
  { id: "internal", label: "Line of internal interaction", above: "backstage" },
] as const satisfies readonly { id: string; label: string; above: BlueprintLaneId }[];

/** The row of each step type; the support lane holds no step, only the workflows webhooks start. */
const ROW_OF: Record<Step["type"], BlueprintRow> = {
  trigger: "customer",
  "wait-for-event": "customer",
  goal: "customer",
  email: "frontstage",
  notification: "frontstage",
  personalize: "frontstage",
  webhook: "backstage",
  "update-profile": "backstage",
  recommend: "backstage",
  // A branch or split is a decision the customer never sees.
  branch: "backstage",
  split: "backstage",
  wait: "time",
  exit: "time",
};

/**
 * The row a step is drawn in. A type not listed is a channel a module registered (SMS, web push): what it sends
 * reaches the customer, so it is frontstage, like email.
 */
export function blueprintRow(step: Step): BlueprintRow {
  return (ROW_OF as Partial<Record<string, BlueprintRow>>)[step.type] ?? "frontstage";
}

/** Top to bottom: the time axis, then the lanes. */
export const BLUEPRINT_ROWS: readonly BlueprintRow[] = ["time", ...BLUEPRINT_LANES.map((l) => l.id)];
