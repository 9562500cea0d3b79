import type { CustomerEvent, Json } from "../model/instance.ts";

/** What the runtime knows about one customer's part in one journey, for journey rules. */
export type JourneyFact = {
  journeyId: string;
  /** Active or waiting: "in" the journey. */
  active: boolean;
  /** At least one entry completed (reached its end). */
  completed: boolean;
  converted: boolean;
  /** Every step id any of the customer's entries reached. */
  stepsReached: readonly string[];
};

/** What the runtime loads about a customer to decide their segments; the evaluator does no I/O. */
export type SegmentFacts = {
  id: string;
  attributes: Record<string, Json>;
  /** The customer's events whose names the rules read ({@link SegmentNeeds.events}), oldest first, none after now. */
  events: readonly CustomerEvent[];
  /** Present when the rules read journey facts. */
  journeys?: readonly JourneyFact[];
  /** The other segments the customer is in now (decided before this one: segments are evaluated in dependency order). */
  segments: ReadonlySet<string>;
};

/** What a set of rules reads, so the runtime loads only that. */
export type SegmentNeeds = { attributes: boolean; events: string[]; journeys: boolean; segments: string[] };

/**
 * One segment's answer for one customer at `now`: in or out, and the earliest later time at which the answer could
 * change with no new event or profile change (a window sliding past an event, a "more than 7 days ago" coming true);
 * null when only new data can change it. The runtime sets a timer for `recheckAt` instead of rescanning everyone.
 */
export type SegmentVerdict = { member: boolean; recheckAt: number | null };
