import type { Condition, ConditionValue, Operator, PropertyCondition } from "../model/condition.ts";
import { parseDuration } from "../model/duration.ts";
import type { CustomerEvent, CustomerFacts, Instance, Json } from "../model/instance.ts";
import { engagementOf, topTopics } from "./engagement.ts";

/** Reads a dotted path ("plan.tier") out of a JSON object. */
export function readPath(source: Record<string, Json>, path: string): Json | undefined {
  let value: Json | undefined = source;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, Json>)[key];
  }
  return value;
}

/** Applies one comparison operator; values of different types never compare as ordered. */
export function compare(actual: Json | undefined, op: Operator, expected: ConditionValue | undefined): boolean {
  switch (op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "not-exists":
      return actual === undefined || actual === null;
    case "eq":
      return actual === expected;
    case "neq":
      return actual !== expected;
    case "in":
      return Array.isArray(expected) && expected.some((v) => v === actual);
    case "contains":
      if (typeof actual === "string" && typeof expected === "string") return actual.includes(expected);
      return Array.isArray(actual) && actual.some((v) => v === expected);
    default: {
      if (typeof actual === "number" && typeof expected === "number") return ordered(actual, op, expected);
      // Code-unit order (ISO dates compare correctly); localeCompare would depend on the machine's locale.
      if (typeof actual === "string" && typeof expected === "string")
        return ordered(actual < expected ? -1 : actual > expected ? 1 : 0, op, 0);
      return false;
    }
  }
}

function ordered(a: number, op: "gt" | "gte" | "lt" | "lte", b: number): boolean {
  if (op === "gt") return a > b;
  if (op === "gte") return a >= b;
  if (op === "lt") return a < b;
  return a <= b;
}

/** True when every property condition holds for the event's properties. */
export function matchesWhere(properties: Record<string, Json>, where: PropertyCondition[] | undefined): boolean {
  if (!where) return true;
  return where.every((c) => compare(readPath(properties, c.property), c.op, c.value));
}

/** The answer to a branch condition with the reason, in words a business user can read. */
export type Verdict = { holds: boolean; reason: string };

/** Evaluates a branch condition against what the runtime knows about the customer. */
export function evaluate(condition: Condition, facts: CustomerFacts, instance: Instance, now: number): Verdict {
  switch (condition.type) {
    case "attribute": {
      const actual = readPath(facts.attributes, condition.attribute);
      const holds = compare(actual, condition.op, condition.value);
      return { holds, reason: `${condition.attribute} is ${JSON.stringify(actual ?? null)}` };
    }
    case "event": {
      const since =
        condition.since === undefined || condition.since === "entry"
          ? instance.enteredAt
          : now - (parseDuration(condition.since.within) ?? 0);
      const matching = (facts.events ?? []).filter(
        (e: CustomerEvent) =>
          e.name === condition.event && e.at >= since && e.at <= now && matchesWhere(e.properties, condition.where),
      );
      const count = condition.count ?? { op: "gte" as const, value: 1 };
      const holds = compare(matching.length, count.op, count.value);
      const last = matching[matching.length - 1];
      const reason = last
        ? `${condition.event} ${matching.length}× (last at ${new Date(last.at).toISOString()})`
        : `no ${condition.event}`;
      return { holds, reason };
    }
    case "top-topic": {
      const [top] = topTopics(engagementOf(facts), 1);
      return { holds: top === condition.topic, reason: top ? `most time spent on ${top}` : "no content viewed" };
    }
    case "segment": {
      const holds = facts.segments?.includes(condition.segmentId) ?? false;
      return { holds, reason: `${holds ? "in" : "not in"} segment ${condition.segmentId}` };
    }
    case "all": {
      const parts = condition.conditions.map((c) => evaluate(c, facts, instance, now));
      return { holds: parts.every((p) => p.holds), reason: parts.map((p) => p.reason).join(" and ") };
    }
    case "any": {
      const parts = condition.conditions.map((c) => evaluate(c, facts, instance, now));
      const hit = parts.find((p) => p.holds);
      return { holds: hit !== undefined, reason: hit ? hit.reason : parts.map((p) => p.reason).join(" and ") };
    }
    case "not": {
      const inner = evaluate(condition.condition, facts, instance, now);
      return { holds: !inner.holds, reason: inner.reason };
    }
  }
}
