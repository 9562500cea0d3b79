import { z } from "zod";
import { Duration, Operator, PropertyCondition } from "../model/condition.ts";

/**
 * The events a segment's membership changes store for the customer (issue 14), in the engine's batch path: journeys
 * start on them ("enters segment", "leaves segment") and leave on them (exit criterion "leaves segment"). Their
 * properties: `{ segmentId }`.
 */
export const SEGMENT_ENTERED = "$segment.entered";
export const SEGMENT_LEFT = "$segment.left";

/** The events engagement rules read. */
export const EMAIL_OPENED = "email.opened";
export const EMAIL_CLICKED = "email.clicked";
export const PORTAL_LOGIN = "portal.login";

/** Over which stretch of time events count. */
export const SegmentWindow = z.discriminatedUnion("type", [
  /** Every event the customer ever did (up to the store's bound per customer; docs/segments.md). */
  z.object({ type: z.literal("ever") }),
  /** In the last `duration` before now: "in the last 7 days". */
  z.object({ type: z.literal("within"), duration: Duration }),
  /** Since a date: "since 1 March". */
  z.object({ type: z.literal("since"), date: z.iso.datetime({ offset: true }) }),
  /** Within `within` after the customer's last `event`: "within 7 days of purchase". No such event: no window. */
  z.object({ type: z.literal("after-event"), event: z.string().min(1), within: Duration }),
]);
export type SegmentWindow = z.infer<typeof SegmentWindow>;

/** How many times: "at least 1" (did), "exactly 0" (did not), "at most 3"… */
export const CountTest = z.object({ op: z.enum(["gte", "lte", "eq"]), value: z.number().int().min(0) });
export type CountTest = z.infer<typeof CountTest>;

/** A profile attribute compared with a value (same operators as journey branches). */
export const AttributeRule = z.object({
  type: z.literal("attribute"),
  attribute: z.string().min(1),
  op: Operator,
  value: z
    .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))])
    .optional(),
});

/** Did (or did not) do an event, with property filters, a number of times, over a window. Defaults: at least once, ever. */
export const EventRule = z.object({
  type: z.literal("event"),
  event: z.string().min(1),
  where: z.array(PropertyCondition).optional(),
  count: CountTest.optional(),
  window: SegmentWindow.optional(),
});

/**
 * When the customer first or last did an event: before / after a date, or more / less than a duration ago
 * ("last portal login more than 7 days ago"). A customer who never did it does not match (use `not` for that).
 */
export const EventTimeRule = z.object({
  type: z.literal("event-time"),
  event: z.string().min(1),
  where: z.array(PropertyCondition).optional(),
  which: z.enum(["first", "last"]),
  op: z.enum(["before", "after", "more-than-ago", "less-than-ago"]),
  /** For before / after. */
  date: z.iso.datetime({ offset: true }).optional(),
  /** For more-than-ago / less-than-ago. */
  duration: Duration.optional(),
});

/** Engagement: emails opened or clicked (any, or one journey's), counted over a window. */
export const EmailEngagementRule = z.object({
  type: z.literal("email-engagement"),
  action: z.enum(["opened", "clicked"]),
  journeyId: z.string().min(1).optional(),
  count: CountTest.optional(),
  window: SegmentWindow.optional(),
});

/** Engagement: portal logins (`portal.login`), counted over a window. */
export const PortalLoginRule = z.object({
  type: z.literal("portal-login"),
  count: CountTest.optional(),
  window: SegmentWindow.optional(),
});

/** Engagement: minutes of dwell time on content of a topic (from `content.viewed`), over a window. */
export const DwellRule = z.object({
  type: z.literal("dwell"),
  topic: z.string().min(1),
  op: z.enum(["gte", "lte"]),
  minutes: z.number().min(0),
  window: SegmentWindow.optional(),
});

/** Journey facts: in a journey now, ever entered it, completed it, reached one of its steps, or converted on its goal. */
export const JourneyRule = z.object({
  type: z.literal("journey"),
  journeyId: z.string().min(1),
  state: z.enum(["in", "entered", "completed", "reached-step", "converted"]),
  /** For reached-step. */
  stepId: z.string().min(1).optional(),
});

/** Membership of another segment. */
export const InSegmentRule = z.object({ type: z.literal("segment"), segmentId: z.string().min(1) });

/** A segment's rule tree: leaves above, combined with all / any / not. */
export type SegmentRule =
  | z.infer<typeof AttributeRule>
  | z.infer<typeof EventRule>
  | z.infer<typeof EventTimeRule>
  | z.infer<typeof EmailEngagementRule>
  | z.infer<typeof PortalLoginRule>
  | z.infer<typeof DwellRule>
  | z.infer<typeof JourneyRule>
  | z.infer<typeof InSegmentRule>
  | { type: "all"; rules: SegmentRule[] }
  | { type: "any"; rules: SegmentRule[] }
  | { type: "not"; rule: SegmentRule };

/** The schema of {@link SegmentRule}. */
export const SegmentRule: z.ZodType<SegmentRule> = z.lazy(() =>
  z.discriminatedUnion("type", [
    AttributeRule,
    EventRule,
    EventTimeRule,
    EmailEngagementRule,
    PortalLoginRule,
    DwellRule,
    JourneyRule,
    InSegmentRule,
    z.object({ type: z.literal("all"), rules: z.array(SegmentRule) }),
    z.object({ type: z.literal("any"), rules: z.array(SegmentRule) }),
    z.object({ type: z.literal("not"), rule: SegmentRule }),
  ]),
) as z.ZodType<SegmentRule>;

/** A segment as the user defines it: dynamic (a rule, kept current) or static (members imported from a CSV). */
export const SegmentDefinition = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("dynamic"),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    rule: SegmentRule,
  }),
  z.object({
    kind: z.literal("static"),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
  }),
]);
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

/**
 * The event form of an exit criterion: an event criterion as it is, "leaves segment" as the `$segment.left` event of
 * that segment. The engine and the interpreter match exits on events only.
 */
export function exitEventOf(criterion: { event: string; where?: PropertyCondition[] } | { leavesSegment: string }): {
  event: string;
  where?: PropertyCondition[];
} {
  if ("event" in criterion) return criterion;
  return { event: SEGMENT_LEFT, where: [{ property: "segmentId", op: "eq", value: criterion.leavesSegment }] };
}
