import { compare, matchesWhere, readPath } from "../interpreter/conditions.ts";
import { CONTENT_VIEWED } from "../interpreter/engagement.ts";
import type { PropertyCondition } from "../model/condition.ts";
import { parseDuration } from "../model/duration.ts";
import type { CustomerEvent } from "../model/instance.ts";
import type { SegmentFacts, SegmentVerdict } from "./segment-facts.ts";
import {
  type CountTest,
  EMAIL_CLICKED,
  EMAIL_OPENED,
  PORTAL_LOGIN,
  type SegmentRule,
  type SegmentWindow,
} from "./segment-rule.ts";
import { earliestAfter, inWindow } from "./segment-windows.ts";
import { dwellMsOn } from "./topic-dwell.ts";

type Leaf<T extends SegmentRule["type"]> = Extract<SegmentRule, { type: T }>;

const AT_LEAST_ONCE: CountTest = { op: "gte", value: 1 };

function matching(facts: SegmentFacts, name: string, now: number, where?: PropertyCondition[]): CustomerEvent[] {
  return facts.events.filter((e) => e.name === name && e.at <= now && matchesWhere(e.properties, where));
}

/** A count of events in a window, tested: the shape of event, email and portal-login rules. */
function counted(
  facts: SegmentFacts,
  events: CustomerEvent[],
  window: SegmentWindow | undefined,
  count: CountTest | undefined,
  now: number,
): SegmentVerdict {
  const held = inWindow(window, events, facts.events, now);
  if (held.events === null) return { member: false, recheckAt: held.recheckAt };
  const test = count ?? AT_LEAST_ONCE;
  return { member: compare(held.events.length, test.op, test.value), recheckAt: held.recheckAt };
}

function eventTime(rule: Leaf<"event-time">, facts: SegmentFacts, now: number): SegmentVerdict {
  const events = matching(facts, rule.event, now, rule.where);
  if (events.length === 0) return { member: false, recheckAt: null };
  const ats = events.map((e) => e.at);
  const at = rule.which === "first" ? Math.min(...ats) : Math.max(...ats);
  if (rule.op === "before" || rule.op === "after") {
    const date = rule.date === undefined ? Number.NaN : Date.parse(rule.date);
    if (Number.isNaN(date)) return { member: false, recheckAt: null };
    // The event's time is fixed, so only a date still to come is worth a look (conservative: it costs one recheck).
    return { member: rule.op === "before" ? at < date : at > date, recheckAt: earliestAfter(now, [date]) };
  }
  const span = rule.duration === undefined ? null : parseDuration(rule.duration);
  if (span === null) return { member: false, recheckAt: null };
  // "More than 7 days ago" comes true, and "less than 7 days ago" stops being true, exactly at at + 7d.
  const ago = now - at;
  return { member: rule.op === "more-than-ago" ? ago >= span : ago < span, recheckAt: earliestAfter(now, [at + span]) };
}

function dwell(rule: Leaf<"dwell">, facts: SegmentFacts, now: number): SegmentVerdict {
  const held = inWindow(rule.window, matching(facts, CONTENT_VIEWED, now), facts.events, now);
  if (held.events === null) return { member: false, recheckAt: held.recheckAt };
  const minutes = dwellMsOn(held.events, rule.topic) / 60_000;
  return { member: rule.op === "gte" ? minutes >= rule.minutes : minutes <= rule.minutes, recheckAt: held.recheckAt };
}

function journey(rule: Leaf<"journey">, facts: SegmentFacts): boolean {
  const fact = facts.journeys?.find((j) => j.journeyId === rule.journeyId);
  if (!fact) return false;
  switch (rule.state) {
    case "in":
      return fact.active;
    case "entered":
      return true;
    case "completed":
      return fact.completed;
    case "converted":
      return fact.converted;
    case "reached-step":
      return rule.stepId !== undefined && fact.stepsReached.includes(rule.stepId);
  }
}

function combine(parts: SegmentVerdict[], member: boolean, now: number): SegmentVerdict {
  // Any part's recheck may flip the whole; the earliest is taken (a recheck that changes nothing is cheap).
  return {
    member,
    recheckAt: earliestAfter(
      now,
      parts.map((p) => p.recheckAt),
    ),
  };
}

/**
 * Decides one customer's membership of a segment at `now` from the facts the runtime loaded, and the earliest later
 * time the answer could change with no new data (see {@link SegmentVerdict}). Pure: no I/O, no clock; events after
 * `now` are ignored. The rules and their boundaries: docs/segments.md, "Rules".
 */
export function evaluateSegment(rule: SegmentRule, facts: SegmentFacts, now: number): SegmentVerdict {
  switch (rule.type) {
    case "attribute":
      return { member: compare(readPath(facts.attributes, rule.attribute), rule.op, rule.value), recheckAt: null };
    case "event":
      return counted(facts, matching(facts, rule.event, now, rule.where), rule.window, rule.count, now);
    case "event-time":
      return eventTime(rule, facts, now);
    case "email-engagement": {
      const name = rule.action === "opened" ? EMAIL_OPENED : EMAIL_CLICKED;
      const where =
        rule.journeyId === undefined
          ? undefined
          : [{ property: "journeyId", op: "eq" as const, value: rule.journeyId }];
      return counted(facts, matching(facts, name, now, where), rule.window, rule.count, now);
    }
    case "portal-login":
      return counted(facts, matching(facts, PORTAL_LOGIN, now), rule.window, rule.count, now);
    case "dwell":
      return dwell(rule, facts, now);
    case "journey":
      return { member: journey(rule, facts), recheckAt: null };
    case "segment":
      return { member: facts.segments.has(rule.segmentId), recheckAt: null };
    case "all": {
      const parts = rule.rules.map((r) => evaluateSegment(r, facts, now));
      return combine(
        parts,
        parts.every((p) => p.member),
        now,
      );
    }
    case "any": {
      const parts = rule.rules.map((r) => evaluateSegment(r, facts, now));
      return combine(
        parts,
        parts.some((p) => p.member),
        now,
      );
    }
    case "not": {
      const inner = evaluateSegment(rule.rule, facts, now);
      return { member: !inner.member, recheckAt: inner.recheckAt };
    }
  }
}
