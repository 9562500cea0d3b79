import { z } from "zod";
import { Duration, PropertyCondition } from "./condition.ts";
import { SimulationModel } from "./simulation.ts";
import { Step } from "./step.ts";

/** The schema version this code writes; older documents are migrated by migrateJourney. */
export const CURRENT_SCHEMA_VERSION = 1;

/** An event that makes a customer leave the journey at once (e.g. account.cancelled). */
export const EventExitCriterion = z.object({ event: z.string().min(1), where: z.array(PropertyCondition).optional() });
export type EventExitCriterion = z.infer<typeof EventExitCriterion>;
/** Leaving a segment makes the customer leave the journey at once (issue 14; on the `$segment.left` event). */
export const SegmentExitCriterion = z.object({ leavesSegment: z.string().min(1) });
/** Why a customer leaves the journey at once: an event, or leaving a segment. */
export const ExitCriterion = z.union([EventExitCriterion, SegmentExitCriterion]);
export type ExitCriterion = z.infer<typeof ExitCriterion>;

/** The journey's conversion goal: the customer does `event` within `within` of entering. */
export const JourneyGoal = z.object({
  name: z.string().min(1).max(200).default("Converted"),
  event: z.string().min(1),
  where: z.array(PropertyCondition).optional(),
  within: Duration.optional(),
  /** Leave the journey once converted. */
  exit: z.boolean().default(false),
});

export const JourneySettings = z.object({
  /** Whether a customer may enter again: never, any time, or once `reentryAfter` has passed since their last entry. */
  reentry: z.enum(["never", "always", "after"]).default("never"),
  reentryAfter: Duration.optional(),
  /** Whether a customer may be in the journey twice at once when re-entry is allowed. */
  allowConcurrentEntries: z.boolean().default(false),
  exitCriteria: z.array(ExitCriterion).default([]),
  goal: JourneyGoal.optional(),
  /** The profile attribute holding the customer's IANA time zone. */
  timezoneAttribute: z.string().default("timezone"),
  /** Used when the customer has no (valid) time zone. */
  defaultTimezone: z.string().default("UTC"),
  /** How simulated customers behave, as the user edited it; absent until then (the editor derives it from the steps). */
  simulation: SimulationModel.optional(),
});

/** Which way the editor lays the journey out: top to bottom, or left to right. */
export const LayoutDirection = z.enum(["vertical", "horizontal"]);
export type LayoutDirection = z.infer<typeof LayoutDirection>;

/** How the editor draws the journey; the engine ignores it. Optional: older documents have none (vertical). */
export const JourneyLayout = z.object({ direction: LayoutDirection.default("vertical") });
export type JourneyLayout = z.infer<typeof JourneyLayout>;

/** A journey document: settings plus a graph of steps. This is what the editor edits and what gets published. */
export const JourneyDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  settings: JourneySettings.prefault({}),
  steps: z.array(Step),
  layout: JourneyLayout.optional(),
});
export type JourneyDocument = z.infer<typeof JourneyDocument>;
export type JourneyDocumentInput = z.input<typeof JourneyDocument>;
export type JourneySettings = z.infer<typeof JourneySettings>;
