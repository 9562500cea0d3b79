import type { Trigger } from "@overture/core";

/** The trigger kinds as the panel offers them: a segment trigger is two choices, "enters" and "leaves". */
export type TriggerChoice = "event" | "api" | "schedule" | "segment-enter" | "segment-leave";

/** The "Starts" choices in words, in the order offered. */
export const TRIGGER_CHOICES: ReadonlyArray<readonly [TriggerChoice, string]> = [
  ["event", "When the customer does an event"],
  ["api", "When called through the API"],
  ["schedule", "On a schedule"],
  ["segment-enter", "When the customer enters a segment"],
  ["segment-leave", "When the customer leaves a segment"],
];

/** Which choice a trigger is. */
export function triggerChoice(trigger: Trigger): TriggerChoice {
  return trigger.type === "segment" ? `segment-${trigger.on}` : trigger.type;
}

/**
 * The trigger for a newly chosen kind. Switching between "enters" and "leaves" keeps the segment, and a schedule's
 * segment audience becomes the segment trigger's segment, so a choice never loses what was picked; otherwise a new
 * segment trigger starts on `firstSegment` (the workspace's first), so it is valid at once.
 */
export function newTrigger(choice: TriggerChoice, current: Trigger, firstSegment = ""): Trigger {
  const segmentId =
    current.type === "segment"
      ? current.segmentId
      : current.type === "schedule" && current.audience !== "all-customers"
        ? current.audience.segmentId
        : firstSegment;
  switch (choice) {
    case "event":
      return { type: "event", event: "purchase.completed" };
    case "api":
      return { type: "api" };
    case "schedule":
      return {
        type: "schedule",
        every: "1d",
        audience: current.type === "segment" && segmentId ? { segmentId } : "all-customers",
      };
    case "segment-enter":
      return { type: "segment", segmentId, on: "enter" };
    case "segment-leave":
      return { type: "segment", segmentId, on: "leave" };
  }
}
