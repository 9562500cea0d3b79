import type { Condition, ConditionValue, Operator, PropertyCondition } from "../model/condition.ts";
import { describeDuration, describeEvent } from "./describe-words.ts";

/** Each comparison operator in words ("gte" → "is at least"). */
export const OPERATOR_WORDS: Record<Operator, string> = {
  eq: "is",
  neq: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  contains: "contains",
  in: "is one of",
  exists: "is set",
  "not-exists": "is not set",
};

/** A value as written in a summary: texts quoted, lists joined ("pro", "team"). */
export function describeValue(value: ConditionValue | undefined): string {
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(v)).join(", ");
  return JSON.stringify(value ?? null);
}

/** One comparison in words: `plan is "pro"`, `trial is set`. */
export function describeComparison(field: string, op: Operator, value: ConditionValue | undefined): string {
  return op === "exists" || op === "not-exists"
    ? `${field} ${OPERATOR_WORDS[op]}`
    : `${field} ${OPERATOR_WORDS[op]} ${describeValue(value)}`;
}

/** Property tests on an event in words, with a leading space: ` where plan is "pro" and amount is more than 10`; "" when none. */
export function describeWhere(where: readonly PropertyCondition[] | undefined): string {
  if (!where || where.length === 0) return "";
  return ` where ${where.map((c) => describeComparison(c.property, c.op, c.value)).join(" and ")}`;
}

type CountOp = "eq" | "neq" | "gt" | "gte" | "lt" | "lte";

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/** How often, in words: gte 1 → "at least once", eq 0 → "never". */
function describeCount(count: { op: CountOp; value: number } | undefined): string {
  const { op, value } = count ?? { op: "gte", value: 1 };
  if (value === 0 && (op === "eq" || op === "lte")) return "never";
  if (value === 0 && (op === "gt" || op === "neq")) return "at least once";
  switch (op) {
    case "eq":
      return `exactly ${times(value)}`;
    case "neq":
      return `not exactly ${times(value)}`;
    case "gt":
      return `more than ${times(value)}`;
    case "gte":
      return `at least ${times(value)}`;
    case "lt":
      return `fewer than ${times(value)}`;
    case "lte":
      return `at most ${times(value)}`;
  }
}

/** How a segment is said where only its id is stored: its name when the caller knows it, else the id. */
export type SegmentNaming = { segmentName?: (segmentId: string) => string | undefined };

/** A segment in words: `segment 'Purchased, no portal visit within a week'`. */
export function describeSegment(segmentId: string, names: SegmentNaming = {}): string {
  return `segment '${names.segmentName?.(segmentId) ?? segmentId}'`;
}

function describeGroup(conditions: readonly Condition[], joiner: "and" | "or", names: SegmentNaming): string {
  // A group inside a group is bracketed, so "a and (b or c)" does not read as "(a and b) or c".
  return conditions
    .map((c) =>
      (c.type === "all" || c.type === "any") && c.conditions.length > 1
        ? `(${describeCondition(c, names)})`
        : describeCondition(c, names),
    )
    .join(` ${joiner} `);
}

/**
 * A branch condition in plain language, for the editor and the customer history: `plan is "pro"`,
 * `Portal login at least once in the last 7 days`, `top topic is "billing"`, `(a or b) and not c`.
 */
export function describeCondition(condition: Condition, names: SegmentNaming = {}): string {
  switch (condition.type) {
    case "attribute":
      return describeComparison(condition.attribute, condition.op, condition.value);
    case "event": {
      const since =
        condition.since && condition.since !== "entry"
          ? `in the last ${describeDuration(condition.since.within)}`
          : "since entering";
      return `${describeEvent(condition.event)}${describeWhere(condition.where)} ${describeCount(condition.count)} ${since}`;
    }
    case "top-topic":
      return `top topic is ${JSON.stringify(condition.topic)}`;
    case "segment":
      return `in ${describeSegment(condition.segmentId, names)}`;
    case "all":
      return condition.conditions.length === 0 ? "always" : describeGroup(condition.conditions, "and", names);
    case "any":
      return condition.conditions.length === 0 ? "never" : describeGroup(condition.conditions, "or", names);
    case "not": {
      const inner = describeCondition(condition.condition, names);
      return condition.condition.type === "all" || condition.condition.type === "any"
        ? `not (${inner})`
        : `not ${inner}`;
    }
  }
}
