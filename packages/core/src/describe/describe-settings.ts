import type { JourneySettings } from "../model/journey.ts";
import { describeSegment, describeWhere, type SegmentNaming } from "./describe-condition.ts";
import { describeDuration, describeEvent } from "./describe-words.ts";

/** A journey's exit criteria in words: "Leaves on Account cancelled or Refund where amount is more than 10"; "" when none. */
export function describeExitCriteria(criteria: JourneySettings["exitCriteria"], names: SegmentNaming = {}): string {
  if (criteria.length === 0) return "";
  const events = criteria.map((c) =>
    "leavesSegment" in c
      ? `leaving ${describeSegment(c.leavesSegment, names)}`
      : `${describeEvent(c.event)}${describeWhere(c.where)}`,
  );
  const words = events.length === 1 ? events[0] : `${events.slice(0, -1).join(", ")} or ${events[events.length - 1]}`;
  return `Leaves the journey on ${words}`;
}

/** A journey's goal in words: "'Converted' when Purchase completed within 14 days of entering, then leaves"; "" without one. */
export function describeGoal(goal: JourneySettings["goal"]): string {
  if (!goal) return "";
  const within = goal.within ? ` within ${describeDuration(goal.within)} of entering` : "";
  return `'${goal.name}' when ${describeEvent(goal.event)}${describeWhere(goal.where)}${within}${goal.exit ? ", then leaves" : ""}`;
}
