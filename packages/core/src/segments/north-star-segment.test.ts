import { describe, expect, it } from "vitest";
import segments from "../../../../examples/onboarding/segments.json" with { type: "json" };
import { DAY, HOUR, T0 } from "../../test/builders.ts";
import type { CustomerEvent } from "../model/instance.ts";
import { describeSegmentRule } from "./describe-segment-rule.ts";
import { evaluateSegment } from "./evaluate-segment.ts";
import { segmentNeeds } from "./segment-needs.ts";
import { segmentProblems } from "./segment-problems.ts";
import { SegmentDefinition } from "./segment-rule.ts";

const [raw] = segments;
const definition = SegmentDefinition.parse(raw);
if (definition.kind !== "dynamic") throw new Error("the north-star segment is dynamic");
const { rule } = definition;

const purchase: CustomerEvent = { id: "p", name: "purchase.completed", customerId: "c", properties: {}, at: T0 };
const on = (events: CustomerEvent[], now: number) =>
  evaluateSegment(rule, { id: "c", attributes: {}, events, segments: new Set() }, now);

describe("examples/onboarding/segments.json: purchased, no portal visit within a week", () => {
  it("is a valid dynamic segment that reads purchases, logins and content views only", () => {
    expect(raw?.id).toBe("no-portal-week-after-purchase");
    expect(segmentProblems({ id: raw?.id, rule }, { segmentIds: [], journeys: [] })).toEqual([]);
    expect(segmentNeeds(rule)).toEqual({
      attributes: false,
      events: ["content.viewed", "portal.login", "purchase.completed"],
      journeys: false,
      segments: [],
    });
  });

  it("day 2 after purchase: out, with a recheck at purchase + 7 days", () => {
    expect(on([purchase], T0 + 2 * DAY)).toEqual({ member: false, recheckAt: T0 + 7 * DAY });
  });

  it("day 8 with no portal login or content view: in", () => {
    expect(on([purchase], T0 + 8 * DAY)).toEqual({ member: true, recheckAt: null });
  });

  it("a login on day 3: out on day 8; a content view on day 5: out too", () => {
    const login: CustomerEvent = { ...purchase, id: "l", name: "portal.login", at: T0 + 3 * DAY };
    expect(on([purchase, login], T0 + 8 * DAY).member).toBe(false);
    const view: CustomerEvent = { ...purchase, id: "v", name: "content.viewed", at: T0 + 5 * DAY };
    expect(on([purchase, view], T0 + 8 * DAY).member).toBe(false);
  });

  it("a login only after the week does not take the customer out; a new purchase restarts the week", () => {
    const late: CustomerEvent = { ...purchase, id: "l", name: "portal.login", at: T0 + 7 * DAY + HOUR };
    expect(on([purchase, late], T0 + 8 * DAY).member).toBe(true);
    const again: CustomerEvent = { ...purchase, id: "p2", at: T0 + 8 * DAY };
    expect(on([purchase, again], T0 + 9 * DAY)).toEqual({ member: false, recheckAt: T0 + 15 * DAY });
  });

  it("describes itself in words", () => {
    expect(describeSegmentRule(rule)).toBe(
      "Purchase completed at least once, and last Purchase completed more than 7 days ago, and not (Logged in to the portal at least once within 7 days after the last Purchase completed, or Content viewed at least once within 7 days after the last Purchase completed)",
    );
  });
});
