import {
  type CountTest,
  describeComparison,
  describeDuration,
  describeEvent,
  describeWhere,
  type SegmentRule,
  type SegmentWindow,
} from "@overture/core";

/** Names for the ids a rule holds, so its summary says "Onboarding" rather than an id. */
export type RuleNames = {
  journeyName?: (id: string) => string | undefined;
  stepName?: (journeyId: string, stepId: string) => string | undefined;
  segmentName?: (id: string) => string | undefined;
};

const count = (n: number) => n.toLocaleString("en-US");
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${count(n)} times`);
const quoted = (name: string | undefined, id: string) => (name ? `"${name}"` : id ? `"${id}"` : "(none picked)");

/** How often, in words: at least once, never, at most 3 times. */
export function countWords(test: CountTest | undefined): string {
  const { op, value } = test ?? { op: "gte", value: 1 };
  if (value === 0 && (op === "eq" || op === "lte")) return "never";
  if (op === "gte") return value === 0 ? "any number of times" : `at least ${times(value)}`;
  return op === "eq" ? `exactly ${times(value)}` : `at most ${times(value)}`;
}

/** Over which stretch of time, in words, with a leading space ("" for ever). */
export function windowWords(window: SegmentWindow | undefined): string {
  if (!window || window.type === "ever") return "";
  if (window.type === "within") return ` in the last ${describeDuration(window.duration)}`;
  if (window.type === "since") return ` since ${window.date.slice(0, 10)}`;
  return ` within ${describeDuration(window.within)} after their last ${describeEvent(window.event)}`;
}

function group(rules: readonly SegmentRule[], joiner: "and" | "or", names: RuleNames): string {
  return rules
    .map((r) =>
      (r.type === "all" || r.type === "any") && r.rules.length > 1
        ? `(${segmentRuleWords(r, names)})`
        : segmentRuleWords(r, names),
    )
    .join(` ${joiner} `);
}

/**
 * A segment's rule in plain words: `Plan upgraded at least once in the last 7 days and plan is "pro"`. Stands in for
 * core's `describeSegmentRule` until that lands (issue 14, H1).
 */
export function segmentRuleWords(rule: SegmentRule, names: RuleNames = {}): string {
  switch (rule.type) {
    case "attribute":
      return describeComparison(rule.attribute, rule.op, rule.value);
    case "event":
      return `${describeEvent(rule.event)}${describeWhere(rule.where)} ${countWords(rule.count)}${windowWords(rule.window)}`;
    case "event-time": {
      const when =
        rule.op === "before" || rule.op === "after"
          ? `${rule.op} ${rule.date?.slice(0, 10) ?? "(no date)"}`
          : `${rule.op === "more-than-ago" ? "more" : "less"} than ${describeDuration(rule.duration ?? "?")} ago`;
      return `${rule.which} ${describeEvent(rule.event)}${describeWhere(rule.where)} ${when}`;
    }
    case "email-engagement": {
      const journey = rule.journeyId ? ` from ${quoted(names.journeyName?.(rule.journeyId), rule.journeyId)}` : "";
      return `${rule.action} emails${journey} ${countWords(rule.count)}${windowWords(rule.window)}`;
    }
    case "portal-login":
      return `logged in to the portal ${countWords(rule.count)}${windowWords(rule.window)}`;
    case "dwell":
      return `read ${JSON.stringify(rule.topic)} ${rule.op === "gte" ? "at least" : "at most"} ${rule.minutes} minutes${windowWords(rule.window)}`;
    case "journey": {
      const journey = quoted(names.journeyName?.(rule.journeyId), rule.journeyId);
      if (rule.state === "in") return `is in ${journey} now`;
      if (rule.state === "entered") return `entered ${journey}`;
      if (rule.state === "completed") return `completed ${journey}`;
      if (rule.state === "converted") return `converted in ${journey}`;
      const step = rule.stepId ? quoted(names.stepName?.(rule.journeyId, rule.stepId), rule.stepId) : "(no step)";
      return `reached ${step} in ${journey}`;
    }
    case "segment":
      return `is in ${quoted(names.segmentName?.(rule.segmentId), rule.segmentId)}`;
    case "all":
      return rule.rules.length === 0 ? "everyone" : group(rule.rules, "and", names);
    case "any":
      return rule.rules.length === 0 ? "nobody" : group(rule.rules, "or", names);
    case "not": {
      const inner = segmentRuleWords(rule.rule, names);
      return rule.rule.type === "all" || rule.rule.type === "any" ? `not (${inner})` : `not ${inner}`;
    }
  }
}

/** A size estimate in words: "exactly 42 customers" or "≈ 12,300 customers (12,000–12,600), from a sample of 5,000". */
export function estimateWords(estimate: {
  estimate: number;
  low: number;
  high: number;
  exact: boolean;
  sampled: number;
}): string {
  const customers = (n: number) => `${count(n)} customer${n === 1 ? "" : "s"}`;
  if (estimate.exact) return `exactly ${customers(estimate.estimate)}`;
  return `≈ ${customers(estimate.estimate)} (${count(estimate.low)}–${count(estimate.high)}), from a sample of ${count(estimate.sampled)}`;
}

/** A segment's size and build in words: "1,204 customers", "building: 3 of 8 parts done". */
export function sizeWords(segment: {
  size: number;
  status: "building" | "ready";
  built: { partitions: number; of: number };
}): string {
  const size = `${count(segment.size)} customer${segment.size === 1 ? "" : "s"}`;
  if (segment.status === "ready") return size;
  return `${size} so far (building: ${segment.built.partitions} of ${segment.built.of} parts done)`;
}
