import {
  compare,
  type EntryTally,
  type Json,
  readPath,
  type SimulatedValues,
  type SimulationBehaviours,
  type StepOf,
  simulationDelayMs,
} from "@overture/core";
import { mixSeed, mulberry32, type Random } from "./prng.ts";
import type { ScheduledEvent } from "./simulate.ts";

/** Who to make: how many customers, from which seed, from when, for how long (events after `until` are not sent). */
export type BehaviourCustomerOptions = { count: number; seed: number; start: number; until: number; idPrefix?: string };

/** One value drawn from a distribution; `undefined` leaves the property or attribute unset. */
export function drawValue(values: SimulatedValues, random: Random): Json | undefined {
  if (values.type === "one-of") return random.pick(values.values) ?? undefined;
  const [lo, hi] = values.min <= values.max ? [values.min, values.max] : [values.max, values.min];
  const n = random.between(lo, hi);
  return Number.isInteger(lo) && Number.isInteger(hi) ? Math.round(n) : Math.round(n * 100) / 100;
}

/** A delay drawn evenly between its two ends. */
function drawDelay(delay: { from: string; to: string }, random: Random): number {
  const [a, b] = [simulationDelayMs(delay.from) ?? 0, simulationDelayMs(delay.to) ?? 0];
  return random.between(Math.min(a, b), Math.max(a, b));
}

/**
 * Offsets land on a whole second plus 500 ms plus the event's rank, so no event shares an instant with a timer
 * (timers fall on whole seconds after an event) or with another event of the customer.
 */
function onGrid(at: number, rank: number): number {
  return Math.floor(at / 1000) * 1000 + 500 + rank;
}

/**
 * Makes the simulated customers of a journey from its behaviours, one at a time (a customer depends only on the seed
 * and its index), and counts, for each trigger, how many sent its event and passed each of its filters: the
 * figures that say why nobody entered when nobody does.
 */
export function behaviourCustomers(
  behaviours: SimulationBehaviours,
  triggers: readonly StepOf<"trigger">[],
  options: BehaviourCustomerOptions,
) {
  const tallies: EntryTally[] = triggers.map((t) => ({
    stepId: t.id,
    event: t.trigger.type === "event" ? t.trigger.event : "",
    sent: 0,
    tests: (t.trigger.type === "event" ? (t.trigger.where ?? []) : []).map((test) => ({ test, matched: 0 })),
    matchedAll: 0,
  }));
  const tally = (event: ScheduledEvent) => {
    for (const t of tallies) {
      if (t.event !== event.name) continue;
      t.sent++;
      let all = true;
      for (const test of t.tests) {
        const ok = compare(readPath(event.properties ?? {}, test.test.property), test.test.op, test.test.value);
        if (ok) test.matched++;
        all &&= ok;
      }
      if (all) t.matchedAll++;
    }
  };

  function* customers(): Generator<ScheduledEvent[]> {
    for (let i = 0; i < options.count; i++) {
      const random = mulberry32(mixSeed(options.seed, i));
      const customerId = `${options.idPrefix ?? "customer-"}${String(i + 1).padStart(7, "0")}`;
      const attributes: Record<string, Json> = { email: `${customerId}@example.test` };
      for (const a of behaviours.attributes) {
        const value = drawValue(a.values, random);
        if (value !== undefined) setAttribute(attributes, a.attribute, value);
      }
      const draw = (b: SimulationBehaviours["events"][number], from: number, rank: number): ScheduledEvent | null => {
        // Every draw is made whether or not the customer does it, so editing one share leaves the others' customers alike.
        const does = random.next() * 100 < b.share;
        const at = onGrid(from + drawDelay(b.delay, random), rank);
        const properties: Record<string, Json> = {};
        for (const p of b.properties) {
          const value = drawValue(p.values, random);
          if (value !== undefined) properties[p.property] = value;
        }
        return does ? { id: `${customerId}:${rank}`, name: b.event, customerId, at, properties } : null;
      };
      const events: ScheduledEvent[] = [];
      behaviours.events.forEach((b, rank) => {
        if (!b.entry) return;
        const e = draw(b, options.start, rank);
        if (e && e.at <= options.until) events.push(e);
      });
      // Later events count from the customer's entry (from the start for one who never enters).
      const enteredAt = events.length > 0 ? Math.min(...events.map((e) => e.at)) : options.start;
      behaviours.events.forEach((b, rank) => {
        if (b.entry) return;
        const e = draw(b, enteredAt, rank);
        if (e && e.at <= options.until) events.push(e);
      });
      events.sort((a, b) => a.at - b.at);
      for (const e of events) tally(e);
      const [first] = events;
      if (first) first.attributes = attributes;
      yield events;
    }
  }
  return { customers: customers(), tallies };
}

/**
 * Sets a profile attribute by the path a condition names it with: "consent.sms" is `consent: { sms }`, as branch
 * conditions read it (readPath), so a simulated customer can be on either side of a test on a nested attribute.
 */
function setAttribute(attributes: Record<string, Json>, path: string, value: Json): void {
  const keys = path.split(".");
  const last = keys.pop()!;
  let into = attributes;
  for (const key of keys) {
    const next = into[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) into[key] = {};
    into = into[key] as Record<string, Json>;
  }
  into[last] = value;
}
