import type { Condition, ConditionValue, Operator } from "@overture/core";

/** What a row of the condition builder tests. "group" is a nested all/any group. */
export type ConditionKind = "attribute" | "event" | "top-topic" | "segment" | "group";

/** A group as the builder shows it: every row, joined by "and" (all) or "or" (any). */
export type ConditionGroup = { type: "all" | "any"; conditions: Condition[] };

/** The condition kinds in words, in the order the builder offers them. */
export const KIND_WORDS: readonly (readonly [ConditionKind, string])[] = [
  ["attribute", "Profile attribute"],
  ["event", "Did an event"],
  ["top-topic", "Most-read topic"],
  ["segment", "Is in segment"],
  ["group", "Group (and / or)"],
];

/** Operators on attributes and event properties, in words. */
export const OPERATOR_CHOICES: readonly (readonly [Operator, string])[] = [
  ["eq", "is"],
  ["neq", "is not"],
  ["gt", "is more than"],
  ["gte", "is at least"],
  ["lt", "is less than"],
  ["lte", "is at most"],
  ["contains", "contains"],
  ["in", "is one of"],
  ["exists", "is set"],
  ["not-exists", "is not set"],
];

/** Operators on how often an event happened. */
export const COUNT_CHOICES = [
  ["gte", "at least"],
  ["eq", "exactly"],
  ["lte", "at most"],
  ["gt", "more than"],
  ["lt", "fewer than"],
] as const;

/** The kind of a row, looking through `not`. */
export function kindOf(condition: Condition): ConditionKind {
  const inner = condition.type === "not" ? condition.condition : condition;
  if (inner.type === "all" || inner.type === "any" || inner.type === "not") return "group";
  return inner.type;
}

/** A new row of a kind, filled with the first name the workspace has seen so it is valid at once. */
export function newCondition(
  kind: ConditionKind,
  seen: { event?: string; attribute?: string; topic?: string; segment?: string },
): Condition {
  switch (kind) {
    case "attribute":
      return { type: "attribute", attribute: seen.attribute ?? "plan", op: "eq", value: "" };
    case "event":
      return { type: "event", event: seen.event ?? "portal.login" };
    case "top-topic":
      return { type: "top-topic", topic: seen.topic ?? "getting-started" };
    case "segment":
      return { type: "segment", segmentId: seen.segment ?? "" };
    case "group":
      return { type: "any", conditions: [] };
  }
}

/** The builder's root group: a group as it is, anything else as a group of one. */
export function asGroup(condition: Condition): ConditionGroup {
  return condition.type === "all" || condition.type === "any" ? condition : { type: "all", conditions: [condition] };
}

/** Back from the root group: a group of one is that one condition, so simple branches stay simple in the document. */
export function fromGroup(group: ConditionGroup): Condition {
  return group.conditions.length === 1 ? (group.conditions[0] as Condition) : group;
}

/**
 * The text of a value box as a condition value: a list for "is one of" (comma separated), a number for comparisons
 * of size or when the text is a number and the field holds numbers, true/false as booleans, else the text.
 */
export function parseValueText(text: string, op: Operator, numeric = false): ConditionValue | undefined {
  if (op === "exists" || op === "not-exists") return undefined;
  const one = (t: string): string | number | boolean => {
    const trimmed = t.trim();
    if (trimmed === "true" || trimmed === "false") return trimmed === "true";
    const sizeOp = op === "gt" || op === "gte" || op === "lt" || op === "lte";
    if ((sizeOp || numeric) && trimmed !== "" && Number.isFinite(Number(trimmed))) return Number(trimmed);
    return t;
  };
  if (op === "in")
    return text
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "")
      .map(one);
  return one(text);
}

const SIZE_OPS: ReadonlySet<Operator> = new Set(["gt", "gte", "lt", "lte"]);

/**
 * What is wrong with the text of a value box, in words, or null: a comparison of size needs a number, and a
 * box must never quietly turn "49,99" into something else.
 */
export function valueTextProblem(text: string, op: Operator): string | null {
  const trimmed = text.trim();
  if (!SIZE_OPS.has(op) || trimmed === "" || Number.isFinite(Number(trimmed))) return null;
  return `"${trimmed}" is not a number: write it with digits and a point for decimals, like 49.99`;
}

/**
 * Whether the text being typed still means the value the document holds. While it does, the box keeps the text
 * as typed ("pro," or "49." mean the same as "pro" and 49), so commas and points are not lost between keystrokes;
 * when the value changed elsewhere (undo, another operator), the box shows the value instead.
 */
export function typedTextHolds(
  text: string,
  value: ConditionValue | undefined,
  op: Operator,
  numeric = false,
): boolean {
  return JSON.stringify(parseValueText(text, op, numeric) ?? null) === JSON.stringify(value ?? null);
}

/** A condition value as the text of its box. */
export function valueText(value: ConditionValue | undefined): string {
  if (value === undefined || value === null) return "";
  return Array.isArray(value) ? value.map(String).join(", ") : String(value);
}
