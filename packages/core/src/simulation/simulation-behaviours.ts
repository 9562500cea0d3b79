import type { Condition, PropertyCondition } from "../model/condition.ts";
import { durationMs } from "../model/duration.ts";
import type { JourneyDocument } from "../model/journey.ts";
import { type SimulatedAttribute, type SimulatedEvent, SimulationModel } from "../model/simulation.ts";
import { exitEventOf } from "../segments/segment-rule.ts";
import { reachOffsets } from "./reach-offsets.ts";
import { spreadValues, type ValueTest } from "./spread-values.ts";

/** The event simulated customers enter with when the journey starts on an API call or a schedule. */
export const SIMULATED_ENTRY_EVENT = "simulation.entered";

/** A simulated event, whether it starts the journey (its delay counts from the start of the run), and why it is there. */
export type EventBehaviour = SimulatedEvent & { entry: boolean; why: string[] };
/** A simulated profile attribute and why it is there. */
export type AttributeBehaviour = SimulatedAttribute & { why: string[] };
/** Everything simulated customers do and are, for one journey. */
export type SimulationBehaviours = { events: EventBehaviour[]; attributes: AttributeBehaviour[] };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CONTENT_VIEWED = "content.viewed";

type Use = {
  event: string;
  entry: boolean;
  why: string;
  share: number;
  fromMs: number;
  toMs: number;
  tests?: PropertyCondition[] | undefined;
};

/** Rounded to whole hours (up), as text: a table of delays should read "3d12h", not "3d11h59m59s". */
function delay(ms: number): string {
  const hours = Math.ceil(ms / HOUR_MS);
  if (hours === 0) return "0h";
  // Days and hours, never weeks: "13d12h" reads better in a narrow box than "1w6d12h".
  const [d, h] = [Math.floor(hours / 24), hours % 24];
  return `${d > 0 ? `${d}d` : ""}${h > 0 ? `${h}h` : ""}`;
}

/** Every event a branch condition counts, and every attribute it tests. */
function walkCondition(
  condition: Condition,
  why: string,
  at: number,
  uses: Use[],
  attributes: Map<string, { tests: ValueTest[]; why: string[] }>,
) {
  switch (condition.type) {
    case "attribute": {
      const entry = attributes.get(condition.attribute) ?? { tests: [], why: [] };
      entry.tests.push(condition);
      if (!entry.why.includes(why)) entry.why.push(why);
      attributes.set(condition.attribute, entry);
      return;
    }
    case "event":
      // Before the branch is reached, so "did it since entering" can hold as well as not.
      uses.push({
        event: condition.event,
        entry: false,
        why,
        share: 50,
        fromMs: 0,
        toMs: Math.max(at, DAY_MS),
        tests: condition.where,
      });
      return;
    case "top-topic":
      uses.push({
        event: CONTENT_VIEWED,
        entry: false,
        why,
        share: 60,
        fromMs: 0,
        toMs: Math.max(at, DAY_MS),
        tests: [{ property: "topic", op: "eq", value: condition.topic }],
      });
      return;
    case "all":
    case "any":
      for (const c of condition.conditions) walkCondition(c, why, at, uses, attributes);
      return;
    case "not":
      walkCondition(condition.condition, why, at, uses, attributes);
  }
}

/**
 * The behaviours a journey's simulation needs, derived from its steps alone: every event it starts on, waits for,
 * counts as its goal, leaves on or tests in a branch (with a share of customers and a delay suited to where the
 * journey uses it), and every event property and profile attribute it tests, with values on both sides of each test.
 */
export function deriveSimulationBehaviours(document: JourneyDocument): SimulationBehaviours {
  const offsets = reachOffsets(document);
  const uses: Use[] = [];
  const attributes = new Map<string, { tests: ValueTest[]; why: string[] }>();
  const named = (s: { id: string; name?: string | undefined }) => `"${s.name || s.id}"`;
  for (const step of document.steps) {
    if (step.type !== "trigger") continue;
    const event = step.trigger.type === "event" ? step.trigger.event : SIMULATED_ENTRY_EVENT;
    const tests = step.trigger.type === "event" ? step.trigger.where : undefined;
    uses.push({ event, entry: true, why: "starts the journey", share: 100, fromMs: 0, toMs: DAY_MS, tests });
  }
  for (const step of document.steps) {
    const at = offsets.get(step.id) ?? 0;
    if (step.type === "wait-for-event") {
      const timeout = durationMs(step.timeout);
      // Half the customers, two thirds of them within the timeout: both exits are taken.
      for (const e of step.events)
        uses.push({
          event: e.event,
          entry: false,
          why: `waited for at ${named(step)}`,
          share: 50,
          fromMs: at,
          toMs: at + timeout * 1.5,
          tests: e.where,
        });
    }
    if (step.type === "branch")
      for (const arm of step.arms) walkCondition(arm.condition, `tested at ${named(step)}`, at, uses, attributes);
  }
  // A draft is read as saved, before the schema fills its defaults: a new journey's may have no settings yet.
  const { goal, exitCriteria = [] } = document.settings ?? {};
  if (goal) {
    const within = goal.within ? durationMs(goal.within) * 1.5 : 14 * DAY_MS;
    uses.push({
      event: goal.event,
      entry: false,
      why: "reaches the goal",
      share: 30,
      fromMs: 0,
      toMs: within,
      tests: goal.where,
    });
  }
  for (const exit of exitCriteria.map(exitEventOf))
    uses.push({
      event: exit.event,
      entry: false,
      why: "makes customers leave",
      share: 10,
      fromMs: 0,
      toMs: 14 * DAY_MS,
      tests: exit.where,
    });
  return {
    events: mergeUses(uses),
    attributes: [...attributes].map(([attribute, a]) => ({ attribute, values: spreadValues(a.tests), why: a.why })),
  };
}

/** One behaviour per event: the first use sets its share and delay, every use adds its reason and property tests. */
function mergeUses(uses: readonly Use[]): EventBehaviour[] {
  const byEvent = new Map<string, { first: Use; why: string[]; tests: Map<string, ValueTest[]> }>();
  for (const use of uses) {
    const merged = byEvent.get(use.event) ?? { first: use, why: [] as string[], tests: new Map<string, ValueTest[]>() };
    if (!merged.why.includes(use.why)) merged.why.push(use.why);
    for (const t of use.tests ?? []) merged.tests.set(t.property, [...(merged.tests.get(t.property) ?? []), t]);
    byEvent.set(use.event, merged);
  }
  return [...byEvent.values()].map(({ first, why, tests }) => {
    const properties = [...tests].map(([property, t]) => ({ property, values: spreadValues(t) }));
    // Topics are only counted with the time spent on them.
    if (first.event === CONTENT_VIEWED && tests.has("topic"))
      properties.push({ property: "dwellMs", values: { type: "range", min: 5_000, max: 600_000 } });
    return {
      event: first.event,
      entry: first.entry,
      why,
      share: first.share,
      delay: { from: delay(first.fromMs), to: delay(first.toMs) },
      properties,
    };
  });
}

/**
 * The journey's simulated behaviours as the user sees and edits them: derived from the steps, with what the user
 * saved in `settings.simulation` in place of the defaults. Saved behaviours the journey no longer uses are left out.
 */
export function simulationBehaviours(document: JourneyDocument): SimulationBehaviours {
  const derived = deriveSimulationBehaviours(document);
  // A draft is saved as it is, so what it holds is read with the schema; anything unreadable counts as no edits.
  const simulation = document.settings?.simulation;
  const parsed = SimulationModel.safeParse(simulation);
  if (simulation === undefined || !parsed.success) return derived;
  const saved = parsed.data;
  return {
    events: derived.events.map((d) => {
      const s = saved.events.find((e) => e.event === d.event);
      if (!s) return d;
      return {
        ...d,
        share: s.share,
        delay: s.delay,
        properties: d.properties.map((p) => s.properties.find((sp) => sp.property === p.property) ?? p),
      };
    }),
    attributes: derived.attributes.map((d) => ({
      ...d,
      values: saved.attributes.find((a) => a.attribute === d.attribute)?.values ?? d.values,
    })),
  };
}

/** The behaviours as saved in the journey's settings (without what is only there to explain them). */
export function toSimulationModel(behaviours: SimulationBehaviours): SimulationModel {
  return {
    events: behaviours.events.map(({ event, share, delay, properties }) => ({ event, share, delay, properties })),
    attributes: behaviours.attributes.map(({ attribute, values }) => ({ attribute, values })),
  };
}
