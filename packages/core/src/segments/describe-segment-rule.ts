import { describeComparison, describeWhere } from "../describe/describe-condition.ts";
import { describeDate } from "../describe/describe-step.ts";
import { describeDuration, describeEvent } from "../describe/describe-words.ts";
import type { CountTest, SegmentRule, SegmentWindow } from "./segment-rule.ts";

/** What the workspace calls the segments and journeys a rule names by id; an id without a name is said as the id. */
export type SegmentRuleNames = { segments?: Record<string, string>; journeys?: Record<string, string> };

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

function describeCount(count: CountTest | undefined): string {
  const { op, value } = count ?? { op: "gte", value: 1 };
  if (value === 0 && op !== "gte") return "never";
  if (op === "eq") return `exactly ${times(value)}`;
  return `${op === "gte" ? "at least" : "at most"} ${times(value)}`;
}

function describeWindow(window: SegmentWindow | undefined): string {
  if (!window || window.type === "ever") return "";
  switch (window.type) {
    case "within":
      return ` in the last ${describeDuration(window.duration)}`;
    case "since":
      return ` since ${describeDate(window.date)}`;
    case "after-event":
      return ` within ${describeDuration(window.within)} after the last ${describeEvent(window.event)}`;
  }
}

function quoted(id: string, names: Record<string, string> | undefined): string {
  return `'${names?.[id] ?? id}'`;
}

function group(rules: readonly SegmentRule[], joiner: "and" | "or", names: SegmentRuleNames): string {
  // A group inside a group is bracketed, so "a, and (b, or c)" does not read as "(a and b) or c".
  return rules
    .map((r) =>
      (r.type === "all" || r.type === "any") && r.rules.length > 1
        ? `(${describeSegmentRule(r, names)})`
        : describeSegmentRule(r, names),
    )
    .join(`, ${joiner} `);
}

/**
 * A segment's rule in plain language, for the Audiences screen and the journey editor: "Purchase completed at least
 * once, and last Purchase completed more than 7 days ago, and not (Portal login at least once within 7 days after the
 * last Purchase completed, or …)". Segments and journeys are said by name when `names` knows them.
 */
export function describeSegmentRule(rule: SegmentRule, names: SegmentRuleNames = {}): string {
  switch (rule.type) {
    case "attribute":
      return describeComparison(rule.attribute, rule.op, rule.value);
    case "event":
      return `${describeEvent(rule.event)}${describeWhere(rule.where)} ${describeCount(rule.count)}${describeWindow(rule.window)}`;
    case "event-time": {
      const when =
        rule.op === "before" || rule.op === "after"
          ? `${rule.op} ${rule.date ? describeDate(rule.date) : "(no date)"}`
          : `${rule.op === "more-than-ago" ? "more" : "less"} than ${rule.duration ? describeDuration(rule.duration) : "(no time)"} ago`;
      return `${rule.which} ${describeEvent(rule.event)}${describeWhere(rule.where)} ${when}`;
    }
    case "email-engagement": {
      const of = rule.journeyId ? ` from journey ${quoted(rule.journeyId, names.journeys)}` : "";
      return `${rule.action === "opened" ? "Opened" : "Clicked"} an email${of} ${describeCount(rule.count)}${describeWindow(rule.window)}`;
    }
    case "portal-login":
      return `Logged in to the portal ${describeCount(rule.count)}${describeWindow(rule.window)}`;
    case "dwell":
      return `Spent ${rule.op === "gte" ? "at least" : "at most"} ${rule.minutes} minute${rule.minutes === 1 ? "" : "s"} on ${JSON.stringify(rule.topic)} content${describeWindow(rule.window)}`;
    case "journey": {
      const journey = `journey ${quoted(rule.journeyId, names.journeys)}`;
      if (rule.state === "in") return `is in ${journey}`;
      if (rule.state === "reached-step") return `reached step '${rule.stepId ?? "?"}' of ${journey}`;
      return `${rule.state === "converted" ? "converted in" : rule.state} ${journey}`;
    }
    case "segment":
      return `is in segment ${quoted(rule.segmentId, names.segments)}`;
    case "all":
      return rule.rules.length === 0 ? "everyone" : group(rule.rules, "and", names);
    case "any":
      return rule.rules.length === 0 ? "no one" : group(rule.rules, "or", names);
    case "not": {
      const inner = describeSegmentRule(rule.rule, names);
      return rule.rule.type === "all" || rule.rule.type === "any" ? `not (${inner})` : `not ${inner}`;
    }
  }
}
