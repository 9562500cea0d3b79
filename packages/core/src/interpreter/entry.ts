import { durationMs } from "../model/duration.ts";
import type { CustomerEvent, Instance } from "../model/instance.ts";
import type { StepOf } from "../model/step.ts";
import { SEGMENT_ENTERED, SEGMENT_LEFT } from "../segments/segment-rule.ts";
import type { JourneyVersion } from "./compile-journey.ts";
import { matchesWhere } from "./conditions.ts";

/**
 * The event the runtime's scheduler stores for each customer when a schedule trigger fires; its properties name the
 * journey and the trigger step, so it enters that journey only (SPEC E8).
 */
export const SCHEDULE_EVENT = "$schedule";

/** The first trigger step of the version that this event meets, if any. */
export function matchTrigger(
  version: JourneyVersion,
  event: Pick<CustomerEvent, "name" | "properties">,
): StepOf<"trigger"> | undefined {
  if (event.name === SCHEDULE_EVENT) {
    const { journeyId, stepId } = event.properties;
    if (journeyId !== version.journeyId) return undefined;
    return version.triggers.find((t) => t.trigger.type === "schedule" && t.id === stepId);
  }
  if (event.name === SEGMENT_ENTERED || event.name === SEGMENT_LEFT) {
    const on = event.name === SEGMENT_ENTERED ? "enter" : "leave";
    const { segmentId } = event.properties;
    return version.triggers.find(
      (t) => t.trigger.type === "segment" && t.trigger.on === on && t.trigger.segmentId === segmentId,
    );
  }
  return version.triggers.find(
    (t) =>
      t.trigger.type === "event" && t.trigger.event === event.name && matchesWhere(event.properties, t.trigger.where),
  );
}

/** The first trigger step that an API call may start. */
export function apiTrigger(version: JourneyVersion): StepOf<"trigger"> | undefined {
  return version.triggers.find((t) => t.trigger.type === "api");
}

/** What the runtime knows about the customer's earlier entries into this journey (any version). */
export type PreviousEntries = { count: number; lastEnteredAt: number | null; active: boolean };

/** Whether the journey's entry rules let the customer enter now; the reason when not. */
export function mayEnter(
  version: JourneyVersion,
  previous: PreviousEntries,
  now: number,
): { allowed: true } | { allowed: false; reason: string } {
  const { reentry, reentryAfter, allowConcurrentEntries } = version.document.settings;
  if (previous.count === 0) return { allowed: true };
  if (reentry === "never") return { allowed: false, reason: "already entered; re-entry is not allowed" };
  if (previous.active && !allowConcurrentEntries) return { allowed: false, reason: "already in the journey" };
  if (
    reentry === "after" &&
    reentryAfter &&
    previous.lastEnteredAt !== null &&
    now - previous.lastEnteredAt < durationMs(reentryAfter)
  ) {
    return { allowed: false, reason: `entered less than ${reentryAfter} ago` };
  }
  return { allowed: true };
}

/** A new instance at the trigger step; run it with advance(…, { type: "start" }, …). */
export function createInstance(options: {
  id: string;
  version: JourneyVersion;
  customerId: string;
  entry: number;
  triggerStepId: string;
  event: Pick<CustomerEvent, "name" | "properties"> | null;
  now: number;
}): Instance {
  const { id, version, customerId, entry, triggerStepId, event, now } = options;
  return {
    id,
    journeyId: version.journeyId,
    version: version.version,
    customerId,
    entry,
    status: "active",
    stepId: triggerStepId,
    waiting: null,
    enteredAt: now,
    updatedAt: now,
    seq: 0,
    converted: false,
    exitReason: null,
    context: { trigger: event ? { name: event.name, properties: event.properties } : null },
  };
}
