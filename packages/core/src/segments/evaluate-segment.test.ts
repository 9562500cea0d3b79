import { describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, T0 } from "../../test/builders.ts";
import type { CustomerEvent, Json } from "../model/instance.ts";
import { evaluateSegment } from "./evaluate-segment.ts";
import type { JourneyFact, SegmentFacts } from "./segment-facts.ts";
import type { SegmentRule } from "./segment-rule.ts";

let seq = 0;
function ev(name: string, at: number, properties: Record<string, Json> = {}): CustomerEvent {
  seq += 1;
  return { id: `e${seq}`, name, customerId: "c1", properties, at };
}

function facts(events: CustomerEvent[], more: Partial<SegmentFacts> = {}): SegmentFacts {
  return { id: "c1", attributes: {}, events, segments: new Set(), ...more };
}

const at = (rule: SegmentRule, f: SegmentFacts, now: number) => evaluateSegment(rule, f, now);

describe("evaluateSegment: attributes", () => {
  it("compares a profile attribute, dotted paths included, and never asks for a recheck", () => {
    const f = facts([], { attributes: { plan: { tier: "pro" }, seats: 12 } });
    expect(at({ type: "attribute", attribute: "plan.tier", op: "eq", value: "pro" }, f, T0)).toEqual({
      member: true,
      recheckAt: null,
    });
    expect(at({ type: "attribute", attribute: "seats", op: "gt", value: 20 }, f, T0).member).toBe(false);
    expect(at({ type: "attribute", attribute: "missing", op: "not-exists" }, f, T0).member).toBe(true);
  });
});

describe("evaluateSegment: event rules", () => {
  const bought = [ev("purchase.completed", T0, { amount: 50 }), ev("purchase.completed", T0 + DAY, { amount: 5 })];

  it("defaults to at least once, ever; filters properties; tests counts", () => {
    const f = facts(bought);
    expect(at({ type: "event", event: "purchase.completed" }, f, T0 + 2 * DAY)).toEqual({
      member: true,
      recheckAt: null,
    });
    const big = [{ property: "amount", op: "gte" as const, value: 10 }];
    const exactlyOneBig: SegmentRule = {
      type: "event",
      event: "purchase.completed",
      where: big,
      count: { op: "eq", value: 1 },
    };
    expect(at(exactlyOneBig, f, T0 + 2 * DAY).member).toBe(true);
    expect(at({ ...exactlyOneBig, count: { op: "gte", value: 2 } }, f, T0 + 2 * DAY).member).toBe(false);
    expect(at({ type: "event", event: "refund", count: { op: "eq", value: 0 } }, f, T0).member).toBe(true);
  });

  it("ignores events after now", () => {
    expect(at({ type: "event", event: "purchase.completed" }, facts(bought), T0 - 1).member).toBe(false);
  });

  it("within a window: an event leaves exactly at its time + the duration, which is the recheck", () => {
    const rule: SegmentRule = {
      type: "event",
      event: "purchase.completed",
      window: { type: "within", duration: "7d" },
    };
    const f = facts(bought);
    expect(at(rule, f, T0 + 3 * DAY)).toEqual({ member: true, recheckAt: T0 + 7 * DAY });
    // The first purchase has left; the second keeps the customer in until it leaves too.
    expect(at(rule, f, T0 + 7 * DAY)).toEqual({ member: true, recheckAt: T0 + 8 * DAY });
    expect(at(rule, f, T0 + 8 * DAY)).toEqual({ member: false, recheckAt: null });
  });

  it("since a date: a date to come is a recheck; events before it do not count", () => {
    const rule: SegmentRule = {
      type: "event",
      event: "purchase.completed",
      window: { type: "since", date: new Date(T0 + HOUR).toISOString() },
    };
    expect(at(rule, facts(bought), T0 + 2 * DAY)).toEqual({ member: true, recheckAt: null });
    expect(
      at(
        { ...rule, window: { type: "since", date: new Date(T0 + 10 * DAY).toISOString() } },
        facts(bought),
        T0 + 2 * DAY,
      ),
    ).toEqual({
      member: false,
      recheckAt: T0 + 10 * DAY,
    });
  });

  it("after-event: counts from the last anchor (not the anchor itself) until it closes; no anchor, no match", () => {
    const rule: SegmentRule = {
      type: "event",
      event: "portal.login",
      window: { type: "after-event", event: "purchase.completed", within: "7d" },
    };
    const login = ev("portal.login", T0 + 2 * DAY);
    expect(at(rule, facts([...bought, login]), T0 + 3 * DAY)).toEqual({ member: true, recheckAt: T0 + 8 * DAY });
    // A login before the last purchase is outside its window.
    const early = facts([
      ev("purchase.completed", T0),
      ev("portal.login", T0 + HOUR),
      ev("purchase.completed", T0 + DAY),
    ]);
    expect(at(rule, early, T0 + 2 * DAY).member).toBe(false);
    expect(at(rule, facts([ev("portal.login", T0)]), T0 + DAY)).toEqual({ member: false, recheckAt: null });
    // The closed window is not rechecked.
    expect(at(rule, facts([...bought, login]), T0 + 9 * DAY)).toEqual({ member: true, recheckAt: null });
    const again: SegmentRule = { ...rule, event: "purchase.completed" };
    expect(at(again, facts(bought), T0 + 2 * DAY).member).toBe(false);
  });
});

describe("evaluateSegment: event times", () => {
  const logins = [ev("portal.login", T0), ev("portal.login", T0 + 3 * DAY)];
  const last = (op: "more-than-ago" | "less-than-ago"): SegmentRule => ({
    type: "event-time",
    event: "portal.login",
    which: "last",
    op,
    duration: "7d",
  });

  it("more than / less than ago flip exactly at the event + the duration, which is the recheck", () => {
    expect(at(last("more-than-ago"), facts(logins), T0 + 5 * DAY)).toEqual({ member: false, recheckAt: T0 + 10 * DAY });
    expect(at(last("more-than-ago"), facts(logins), T0 + 10 * DAY)).toEqual({ member: true, recheckAt: null });
    expect(at(last("less-than-ago"), facts(logins), T0 + 5 * DAY)).toEqual({ member: true, recheckAt: T0 + 10 * DAY });
    expect(at(last("less-than-ago"), facts(logins), T0 + 10 * DAY).member).toBe(false);
  });

  it("first vs last, before / after a date; never did it: no match", () => {
    const date = new Date(T0 + DAY).toISOString();
    const first: SegmentRule = { type: "event-time", event: "portal.login", which: "first", op: "before", date };
    expect(at(first, facts(logins), T0 + 5 * DAY).member).toBe(true);
    expect(at({ ...first, which: "last" }, facts(logins), T0 + 5 * DAY).member).toBe(false);
    expect(at({ ...first, which: "last", op: "after" }, facts(logins), T0 + 5 * DAY).member).toBe(true);
    expect(at(first, facts([]), T0).member).toBe(false);
    // A date still to come is rechecked (conservative).
    expect(at(first, facts(logins), T0 + HOUR).recheckAt).toBe(T0 + DAY);
  });
});

describe("evaluateSegment: engagement", () => {
  it("emails opened or clicked, optionally in one journey", () => {
    const f = facts([
      ev("email.opened", T0, { journeyId: "onboarding" }),
      ev("email.clicked", T0 + HOUR, { journeyId: "renewal" }),
    ]);
    expect(at({ type: "email-engagement", action: "opened" }, f, T0 + DAY).member).toBe(true);
    expect(at({ type: "email-engagement", action: "clicked", journeyId: "onboarding" }, f, T0 + DAY).member).toBe(
      false,
    );
    expect(at({ type: "email-engagement", action: "clicked", journeyId: "renewal" }, f, T0 + DAY).member).toBe(true);
    const window = { type: "within" as const, duration: "1d" };
    expect(at({ type: "email-engagement", action: "opened", window }, f, T0 + 2 * DAY).member).toBe(false);
  });

  it("portal logins counted", () => {
    const f = facts([ev("portal.login", T0), ev("portal.login", T0 + HOUR)]);
    expect(at({ type: "portal-login", count: { op: "gte", value: 2 } }, f, T0 + DAY).member).toBe(true);
    expect(at({ type: "portal-login", count: { op: "lte", value: 1 } }, f, T0 + DAY).member).toBe(false);
  });

  it("dwell minutes per topic from content.viewed, over the window", () => {
    const f = facts([
      ev("content.viewed", T0, { topics: ["billing", "setup"], dwellMs: 4 * MINUTE }),
      ev("content.viewed", T0 + DAY, { topic: "billing", dwellSeconds: 120 }),
      ev("content.viewed", T0 + DAY, { topic: "setup", dwellSeconds: 600 }),
    ]);
    expect(at({ type: "dwell", topic: "billing", op: "gte", minutes: 6 }, f, T0 + 2 * DAY).member).toBe(true);
    expect(at({ type: "dwell", topic: "billing", op: "gte", minutes: 7 }, f, T0 + 2 * DAY).member).toBe(false);
    const recent: SegmentRule = {
      type: "dwell",
      topic: "billing",
      op: "lte",
      minutes: 2,
      window: { type: "within", duration: "36h" },
    };
    expect(at(recent, f, T0 + 2 * DAY)).toEqual({ member: true, recheckAt: T0 + DAY + 36 * HOUR });
  });
});

describe("evaluateSegment: journeys and segments", () => {
  const fact: JourneyFact = {
    journeyId: "onboarding",
    active: true,
    completed: false,
    converted: true,
    stepsReached: ["trigger", "welcome"],
  };
  const f = facts([], { journeys: [fact], segments: new Set(["vip"]) });

  it("reads journey facts", () => {
    const j = (state: "in" | "entered" | "completed" | "reached-step" | "converted", stepId?: string): SegmentRule =>
      stepId
        ? { type: "journey", journeyId: "onboarding", state, stepId }
        : { type: "journey", journeyId: "onboarding", state };
    expect([j("in"), j("entered"), j("completed"), j("converted")].map((r) => at(r, f, T0).member)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(at(j("reached-step", "welcome"), f, T0).member).toBe(true);
    expect(at(j("reached-step", "nudge"), f, T0).member).toBe(false);
    expect(at({ type: "journey", journeyId: "other", state: "entered" }, f, T0).member).toBe(false);
    expect(at(j("entered"), facts([]), T0).member).toBe(false);
  });

  it("reads other segments, and combines with all / any / not taking the earliest recheck", () => {
    expect(at({ type: "segment", segmentId: "vip" }, f, T0).member).toBe(true);
    const soon: SegmentRule = { type: "event", event: "x", window: { type: "within", duration: "1d" } };
    const g = facts([ev("x", T0)], { segments: new Set(["vip"]) });
    const later: SegmentRule = { type: "event-time", event: "x", which: "last", op: "more-than-ago", duration: "3d" };
    expect(at({ type: "all", rules: [soon, later] }, g, T0 + HOUR)).toEqual({ member: false, recheckAt: T0 + DAY });
    expect(at({ type: "any", rules: [soon, later] }, g, T0 + HOUR)).toEqual({ member: true, recheckAt: T0 + DAY });
    expect(at({ type: "not", rule: soon }, g, T0 + HOUR)).toEqual({ member: false, recheckAt: T0 + DAY });
    expect(at({ type: "all", rules: [] }, g, T0).member).toBe(true);
    expect(at({ type: "any", rules: [] }, g, T0).member).toBe(false);
  });
});
