import {
  type CountTest,
  type CustomerEvent,
  compare,
  durationMs,
  EMAIL_CLICKED,
  EMAIL_OPENED,
  matchesWhere,
  PORTAL_LOGIN,
  readPath,
  type SegmentFacts,
  type SegmentNeeds,
  type SegmentRule,
  type SegmentVerdict,
  type SegmentWindow,
} from "@overture/core";

/*
 * TEMPORARY: H1's evaluateSegment, segmentNeeds and segmentOrder (core, branch h14-segcore) were not merged when the
 * membership runtime was written. Same signatures; delete this file and import them from @overture/core once merged.
 * Covers attribute, event, event-time, email and portal engagement, segment, and all / any / not.
 */

type Acc = { attributes: boolean; events: Set<string>; journeys: boolean; segments: Set<string> };

function collect(rule: SegmentRule, into: Acc): void {
  const anchor = (w: SegmentWindow | undefined) => {
    if (w?.type === "after-event") into.events.add(w.event);
  };
  switch (rule.type) {
    case "attribute":
      into.attributes = true;
      return;
    case "event":
      into.events.add(rule.event);
      anchor(rule.window);
      return;
    case "event-time":
      into.events.add(rule.event);
      return;
    case "email-engagement":
      into.events.add(rule.action === "opened" ? EMAIL_OPENED : EMAIL_CLICKED);
      anchor(rule.window);
      return;
    case "portal-login":
      into.events.add(PORTAL_LOGIN);
      anchor(rule.window);
      return;
    case "dwell":
      into.events.add("content.viewed");
      anchor(rule.window);
      return;
    case "journey":
      into.journeys = true;
      return;
    case "segment":
      into.segments.add(rule.segmentId);
      return;
    case "not":
      collect(rule.rule, into);
      return;
    default:
      for (const r of rule.rules) collect(r, into);
  }
}

export function segmentNeeds(...rules: SegmentRule[]): SegmentNeeds {
  const acc: Acc = { attributes: false, events: new Set(), journeys: false, segments: new Set() };
  for (const rule of rules) collect(rule, acc);
  return {
    attributes: acc.attributes,
    events: [...acc.events].sort(),
    journeys: acc.journeys,
    segments: [...acc.segments].sort(),
  };
}

/** Dependency order (a segment after those it reads); cycles are left in the order given. */
export function segmentOrder(defs: ReadonlyArray<{ id: string; rule: SegmentRule | null }>): {
  order: string[];
  cycles: string[][];
} {
  const reads = new Map(defs.map((d) => [d.id, d.rule ? segmentNeeds(d.rule).segments : []]));
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string, path: Set<string>) => {
    if (seen.has(id) || path.has(id) || !reads.has(id)) return;
    path.add(id);
    for (const next of reads.get(id) ?? []) visit(next, path);
    path.delete(id);
    seen.add(id);
    order.push(id);
  };
  for (const d of defs) visit(d.id, new Set());
  return { order, cycles: [] };
}

const AT_LEAST_ONCE: CountTest = { op: "gte", value: 1 };

/** Events in the window, and when the window next changes what it holds. */
function windowed(
  window: SegmentWindow | undefined,
  events: CustomerEvent[],
  all: readonly CustomerEvent[],
  now: number,
): { events: CustomerEvent[] | null; recheckAt: number | null } {
  if (!window || window.type === "ever") return { events, recheckAt: null };
  if (window.type === "since")
    return { events: events.filter((e) => e.at >= Date.parse(window.date)), recheckAt: null };
  if (window.type === "within") {
    const span = durationMs(window.duration);
    const held = events.filter((e) => e.at > now - span);
    // The oldest event held slides out of the window at its time + span.
    const next = held.length > 0 ? Math.min(...held.map((e) => e.at + span)) : null;
    return { events: held, recheckAt: next };
  }
  const anchors = all.filter((e) => e.name === window.event && e.at <= now);
  const anchor = anchors[anchors.length - 1];
  if (!anchor) return { events: null, recheckAt: null };
  const end = anchor.at + durationMs(window.within);
  return { events: events.filter((e) => e.at >= anchor.at && e.at <= end), recheckAt: end > now ? end + 1 : null };
}

function counted(
  facts: SegmentFacts,
  name: string,
  where: Parameters<typeof matchesWhere>[1],
  window: SegmentWindow | undefined,
  count: CountTest | undefined,
  now: number,
): SegmentVerdict {
  const events = facts.events.filter((e) => e.name === name && e.at <= now && matchesWhere(e.properties, where));
  const held = windowed(window, events, facts.events, now);
  if (held.events === null) return { member: false, recheckAt: null };
  const test = count ?? AT_LEAST_ONCE;
  return { member: compare(held.events.length, test.op, test.value), recheckAt: held.recheckAt };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function evaluateSegment(rule: SegmentRule, facts: SegmentFacts, now: number): SegmentVerdict {
  switch (rule.type) {
    case "attribute":
      return { member: compare(readPath(facts.attributes, rule.attribute), rule.op, rule.value), recheckAt: null };
    case "event":
      return counted(facts, rule.event, rule.where, rule.window, rule.count, now);
    case "email-engagement":
      return counted(
        facts,
        rule.action === "opened" ? EMAIL_OPENED : EMAIL_CLICKED,
        rule.journeyId ? [{ property: "journeyId", op: "eq", value: rule.journeyId }] : undefined,
        rule.window,
        rule.count,
        now,
      );
    case "portal-login":
      return counted(facts, PORTAL_LOGIN, undefined, rule.window, rule.count, now);
    case "event-time": {
      const events = facts.events.filter(
        (e) => e.name === rule.event && e.at <= now && matchesWhere(e.properties, rule.where),
      );
      const e = rule.which === "first" ? events[0] : events[events.length - 1];
      if (!e) return { member: false, recheckAt: null };
      if (rule.op === "before") return { member: e.at < Date.parse(rule.date ?? ""), recheckAt: null };
      if (rule.op === "after") return { member: e.at > Date.parse(rule.date ?? ""), recheckAt: null };
      const edge = e.at + durationMs(rule.duration ?? "0m");
      const more = now > edge;
      return { member: rule.op === "more-than-ago" ? more : !more, recheckAt: more ? null : edge + 1 };
    }
    case "segment":
      return { member: facts.segments.has(rule.segmentId), recheckAt: null };
    case "journey": {
      const fact = facts.journeys?.find((j) => j.journeyId === rule.journeyId);
      const member =
        !!fact &&
        (rule.state === "entered" ||
          (rule.state === "in" && fact.active) ||
          (rule.state === "completed" && fact.completed) ||
          (rule.state === "converted" && fact.converted) ||
          (rule.state === "reached-step" && !!rule.stepId && fact.stepsReached.includes(rule.stepId)));
      return { member, recheckAt: null };
    }
    case "dwell":
      return { member: false, recheckAt: null };
    case "not": {
      const inner = evaluateSegment(rule.rule, facts, now);
      return { member: !inner.member, recheckAt: inner.recheckAt };
    }
    default: {
      let recheckAt: number | null = null;
      let member = rule.type === "all";
      for (const r of rule.rules) {
        const v = evaluateSegment(r, facts, now);
        recheckAt = earliest(recheckAt, v.recheckAt);
        member = rule.type === "all" ? member && v.member : member || v.member;
      }
      return { member, recheckAt };
    }
  }
}
