import { z } from "zod";
import { DURATION_PATTERN } from "./duration.ts";

/** A duration such as "7d"; see parseDuration. */
export const Duration = z.string().regex(DURATION_PATTERN, 'a duration like "30m", "2h", "7d" or "1w"');

/** Comparison operators shared by property, attribute and count conditions. */
export const Operator = z.enum(["eq", "neq", "gt", "gte", "lt", "lte", "contains", "in", "exists", "not-exists"]);
export type Operator = z.infer<typeof Operator>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A value compared against: a scalar, or a list for the `in` operator. */
export const ConditionValue = z.union([Scalar, z.array(Scalar)]);
export type ConditionValue = z.infer<typeof ConditionValue>;

/** A test on one property of an event (dotted paths reach nested properties, e.g. "plan.tier"). */
export const PropertyCondition = z.object({
  property: z.string().min(1),
  op: Operator,
  value: ConditionValue.optional(),
});
export type PropertyCondition = z.infer<typeof PropertyCondition>;

/** A test on one customer profile attribute. */
export const AttributeCondition = z.object({
  type: z.literal("attribute"),
  attribute: z.string().min(1),
  op: Operator,
  value: ConditionValue.optional(),
});

/**
 * Behaviour: how often the customer did an event, either since they entered the journey or within a
 * window before now (e.g. "viewed the portal at least once since entering").
 */
export const EventCondition = z.object({
  type: z.literal("event"),
  event: z.string().min(1),
  where: z.array(PropertyCondition).optional(),
  /** Counted from when the customer entered the journey (the default), or within a window before now. */
  since: z.union([z.literal("entry"), z.object({ within: Duration })]).optional(),
  /** Count comparison; defaults to "at least once" (gte 1). */
  count: z.object({ op: z.enum(["eq", "neq", "gt", "gte", "lt", "lte"]), value: z.number().int().min(0) }).optional(),
});

/** Engagement: the content topic this customer spent the most dwell time with is `topic`. */
export const TopTopicCondition = z.object({
  type: z.literal("top-topic"),
  topic: z.string().min(1),
});

/** The customer is in a segment now (issue 14): a branch arm "is in segment". */
export const InSegmentCondition = z.object({ type: z.literal("segment"), segmentId: z.string().min(1) });

/** A condition used by branches; combinable with all / any / not. */
export type Condition =
  | z.infer<typeof AttributeCondition>
  | z.infer<typeof EventCondition>
  | z.infer<typeof TopTopicCondition>
  | z.infer<typeof InSegmentCondition>
  | { type: "all"; conditions: Condition[] }
  | { type: "any"; conditions: Condition[] }
  | { type: "not"; condition: Condition };

/** The schema of {@link Condition}. */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion("type", [
    AttributeCondition,
    EventCondition,
    TopTopicCondition,
    InSegmentCondition,
    z.object({ type: z.literal("all"), conditions: z.array(Condition) }),
    z.object({ type: z.literal("any"), conditions: z.array(Condition) }),
    z.object({ type: z.literal("not"), condition: Condition }),
  ]),
) as z.ZodType<Condition>;
