import type { ConditionValue, SegmentRule } from "@overture/core";

/** What a row of the segment rule builder tests. "group" is a nested all / any group. */
export type RuleKind =
  | "attribute"
  | "event"
  | "event-time"
  | "email-engagement"
  | "portal-login"
  | "dwell"
  | "journey"
  | "segment"
  | "group";

/** A group as the builder shows it: every row, joined by "and" (all) or "or" (any). */
export type RuleGroup = { type: "all" | "any"; rules: SegmentRule[] };

/** A leaf of the rule tree (anything but all / any / not). */
export type LeafRule = Exclude<SegmentRule, { type: "all" | "any" | "not" }>;

/** The rule kinds in words, in the order the builder offers them. */
export const RULE_KIND_WORDS: readonly (readonly [RuleKind, string])[] = [
  ["attribute", "Profile attribute"],
  ["event", "Did an event"],
  ["event-time", "First or last time of an event"],
  ["email-engagement", "Emails opened or clicked"],
  ["portal-login", "Portal logins"],
  ["dwell", "Time spent reading a topic"],
  ["journey", "Journey"],
  ["segment", "In another segment"],
  ["group", "Group (and / or)"],
];

/** How many times, in words (the segment rule's count tests). */
export const COUNT_WORDS = [
  ["gte", "at least"],
  ["lte", "at most"],
  ["eq", "exactly"],
] as const;

/** The journey facts in words. */
export const JOURNEY_STATE_WORDS = [
  ["in", "is in the journey now"],
  ["entered", "ever entered the journey"],
  ["completed", "completed the journey"],
  ["reached-step", "reached the step"],
  ["converted", "converted on the journey's goal"],
] as const;

/** The first names the workspace has seen, so a new row is valid at once. */
export type Seen = { event?: string; attribute?: string; topic?: string; journey?: string; segment?: string };

/** The kind of a row, looking through `not`. */
export function ruleKindOf(rule: SegmentRule): RuleKind {
  const inner = rule.type === "not" ? rule.rule : rule;
  if (inner.type === "all" || inner.type === "any" || inner.type === "not") return "group";
  return inner.type;
}

/** A new row of a kind, filled with what the workspace has seen. */
export function newRule(kind: RuleKind, seen: Seen): SegmentRule {
  switch (kind) {
    case "attribute":
      return { type: "attribute", attribute: seen.attribute ?? "plan", op: "eq", value: "" };
    case "event":
      return { type: "event", event: seen.event ?? "portal.login", count: { op: "gte", value: 1 } };
    case "event-time":
      return {
        type: "event-time",
        event: seen.event ?? "portal.login",
        which: "last",
        op: "more-than-ago",
        duration: "7d",
      };
    case "email-engagement":
      return {
        type: "email-engagement",
        action: "opened",
        count: { op: "gte", value: 1 },
        window: { type: "within", duration: "30d" },
      };
    case "portal-login":
      return { type: "portal-login", count: { op: "gte", value: 1 }, window: { type: "within", duration: "7d" } };
    case "dwell":
      return { type: "dwell", topic: seen.topic ?? "getting-started", op: "gte", minutes: 5 };
    case "journey":
      return { type: "journey", journeyId: seen.journey ?? "", state: "entered" };
    case "segment":
      return { type: "segment", segmentId: seen.segment ?? "" };
    case "group":
      return { type: "any", rules: [] };
  }
}

/** The builder's root group: a group as it is, anything else (or no rule yet) as a group of it. */
export function asRuleGroup(rule: SegmentRule | null | undefined): RuleGroup {
  if (!rule) return { type: "all", rules: [] };
  return rule.type === "all" || rule.type === "any" ? rule : { type: "all", rules: [rule] };
}

/** A row negated or not: `not` wraps it, unticking takes the one `not` off. */
export function setNegated(rule: SegmentRule, negated: boolean): SegmentRule {
  if (negated) return rule.type === "not" ? rule : { type: "not", rule };
  return rule.type === "not" ? rule.rule : rule;
}

/** The same row with its inner rule replaced, keeping a `not` around it. */
export function replaceInner(rule: SegmentRule, inner: SegmentRule): SegmentRule {
  return rule.type === "not" ? { type: "not", rule: inner } : inner;
}

/** Whether a rule reads anything about the customer: a tree of empty groups reads nothing. */
export function readsSomething(rule: SegmentRule): boolean {
  if (rule.type === "all" || rule.type === "any") return rule.rules.some(readsSomething);
  if (rule.type === "not") return readsSomething(rule.rule);
  return true;
}

/** What a rule that reads nothing holds: everyone (an empty "all") or nobody (an empty "any"). */
export function constantAnswer(rule: SegmentRule): boolean {
  if (rule.type === "all") return rule.rules.every(constantAnswer);
  if (rule.type === "any") return rule.rules.some(constantAnswer);
  if (rule.type === "not") return !constantAnswer(rule.rule);
  return true;
}

/** The ids of the journeys and segments a rule names, so the screen can load their names and steps. */
export function namedIds(rule: SegmentRule): { journeys: string[]; segments: string[] } {
  const journeys = new Set<string>();
  const segments = new Set<string>();
  const walk = (r: SegmentRule): void => {
    if (r.type === "all" || r.type === "any") r.rules.forEach(walk);
    else if (r.type === "not") walk(r.rule);
    else if (r.type === "journey") journeys.add(r.journeyId);
    else if (r.type === "email-engagement" && r.journeyId) journeys.add(r.journeyId);
    else if (r.type === "segment") segments.add(r.segmentId);
  };
  walk(rule);
  return { journeys: [...journeys], segments: [...segments] };
}

/** A date box's value (`2026-03-01`) as the rule's date-time (midnight UTC), and back. */
export function isoFromDateInput(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : undefined;
}
export function dateInputValue(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : "";
}

/** A value box's value as an attribute rule holds it: a list keeps its texts and numbers only. */
export function attributeValue(value: ConditionValue | undefined): Extract<LeafRule, { type: "attribute" }>["value"] {
  if (!Array.isArray(value)) return value;
  return value.filter((v): v is string | number => typeof v === "string" || typeof v === "number");
}
