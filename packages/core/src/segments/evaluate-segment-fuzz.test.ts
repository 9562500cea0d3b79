import { describe, expect, it } from "vitest";
import { DAY, T0 } from "../../test/builders.ts";
import type { CustomerEvent } from "../model/instance.ts";
import { evaluateSegment } from "./evaluate-segment.ts";
import type { SegmentFacts } from "./segment-facts.ts";
import type { SegmentRule, SegmentWindow } from "./segment-rule.ts";

/** A seeded generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAMES = ["purchase.completed", "portal.login", "content.viewed", "email.opened"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function window(random: () => number): SegmentWindow {
  return pick(random, [
    { type: "ever" },
    { type: "within", duration: pick(random, ["1h", "1d", "7d"]) },
    { type: "since", date: new Date(T0 + Math.floor(random() * 10) * DAY).toISOString() },
    { type: "after-event", event: pick(random, NAMES), within: pick(random, ["1d", "7d"]) },
  ] satisfies SegmentWindow[]);
}

function rule(random: () => number, depth: number): SegmentRule {
  const r = random();
  if (depth < 3 && r < 0.25) {
    const rules = [rule(random, depth + 1), rule(random, depth + 1)];
    return random() < 0.5 ? { type: "all", rules } : { type: "any", rules };
  }
  if (depth < 3 && r < 0.35) return { type: "not", rule: rule(random, depth + 1) };
  return pick(random, [
    () => ({ type: "event", event: pick(random, NAMES), window: window(random) }) as SegmentRule,
    () =>
      ({
        type: "event-time",
        event: pick(random, NAMES),
        which: pick(random, ["first", "last"] as const),
        op: pick(random, ["more-than-ago", "less-than-ago"] as const),
        duration: pick(random, ["1d", "3d", "7d"]),
      }) as SegmentRule,
    () =>
      ({
        type: "portal-login",
        count: { op: "gte", value: 1 + Math.floor(random() * 2) },
        window: window(random),
      }) as SegmentRule,
    () => ({ type: "dwell", topic: "billing", op: "gte", minutes: 1, window: window(random) }) as SegmentRule,
    () => ({ type: "attribute", attribute: "plan", op: "eq", value: "pro" }) as SegmentRule,
  ])();
}

function facts(random: () => number): SegmentFacts {
  const events: CustomerEvent[] = [];
  let at = T0;
  for (let i = 0; i < Math.floor(random() * 8); i++) {
    at += Math.floor(random() * 3 * DAY);
    events.push({
      id: `e${i}`,
      name: pick(random, NAMES),
      customerId: "c",
      properties: { topic: "billing", dwellMs: 90_000 },
      at,
    });
  }
  return { id: "c", attributes: { plan: random() < 0.5 ? "pro" : "free" }, events, segments: new Set() };
}

describe("evaluateSegment on random rules and facts", () => {
  it("is deterministic, `not` flips it, recheckAt is later than now or null, and nothing flips before recheckAt", () => {
    const random = generator(14);
    for (let i = 0; i < 400; i++) {
      const r = rule(random, 0);
      const f = facts(random);
      const now = T0 + Math.floor(random() * 20 * DAY);
      const verdict = evaluateSegment(r, f, now);
      expect(evaluateSegment(r, f, now)).toEqual(verdict);
      expect(evaluateSegment({ type: "not", rule: r }, f, now).member).toBe(!verdict.member);
      if (verdict.recheckAt !== null) expect(verdict.recheckAt).toBeGreaterThan(now);
      // No missed recheck: with no new events, the answer holds every few hours until the recheck time.
      const until = verdict.recheckAt ?? now + 30 * DAY;
      const past = { ...f, events: f.events.filter((e) => e.at <= now) };
      for (let t = now + 3_600_000; t < until; t += 4 * 3_600_000) {
        expect(evaluateSegment(r, past, t).member, `rule ${JSON.stringify(r)} at +${t - now}ms`).toBe(verdict.member);
      }
    }
  });
});
