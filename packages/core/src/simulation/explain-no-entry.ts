import { describeComparison } from "../describe/describe-condition.ts";
import { describeDuration, describeEvent } from "../describe/describe-words.ts";
import type { PropertyCondition } from "../model/condition.ts";
import type { SimulationBehaviours } from "./simulation-behaviours.ts";

/** What the simulated customers did about one way into the journey, counted while they were made. */
export type EntryTally = {
  /** The trigger step. */
  stepId: string;
  event: string;
  /** Customers who sent the event within the simulated days. */
  sent: number;
  /** For each of the trigger's property tests, how many of those events passed it. */
  tests: Array<{ test: PropertyCondition; matched: number }>;
  /** Events that passed every test. */
  matchedAll: number;
};

function duration(text: string): string {
  return /^0[smhdw]$/.test(text) ? "0" : describeDuration(text);
}

/** Why one trigger let nobody in, from what was counted. */
function reasonFor(tally: EntryTally, behaviours: SimulationBehaviours, days: number): string {
  const event = `"${describeEvent(tally.event)}"`;
  const behaviour = behaviours.events.find((b) => b.event === tally.event);
  if (behaviour && behaviour.share === 0)
    return `the journey starts on ${event} and the simulated customers were set to never do it (0% of customers)`;
  if (tally.sent === 0) {
    const when = behaviour
      ? ` (set to happen ${duration(behaviour.delay.from)} to ${duration(behaviour.delay.to)} after the start)`
      : "";
    return `no simulated customer did ${event} within the ${days} simulated days${when}`;
  }
  const words = (t: PropertyCondition) => describeComparison(t.property, t.op, t.value);
  const never = tally.tests.filter((t) => t.matched === 0);
  const did = `${tally.sent} simulated customers did ${event}`;
  if (never.length > 0) return `${did}, but none of them with ${never.map((t) => words(t.test)).join(", nor with ")}`;
  if (tally.matchedAll === 0)
    return `${did}, but none matched every filter at once (${tally.tests.map((t) => `${t.matched} had ${words(t.test)}`).join(", ")})`;
  return `${tally.matchedAll} simulated customers did ${event} and matched its filters, but the journey's entry rules let none of them in`;
}

/**
 * Why nobody entered a simulated journey, in plain words, from what the simulated customers were set to do and what
 * they did: a trigger event set to 0 %, an event that falls after the simulated days, or a filter nobody matched.
 */
export function explainNobodyEntered(
  tallies: readonly EntryTally[],
  behaviours: SimulationBehaviours,
  days: number,
): string {
  if (tallies.length === 0) return "Nobody entered: the journey has no trigger.";
  const reasons = tallies.map((t) => reasonFor(t, behaviours, days));
  return `Nobody entered: ${reasons.join("; and ")}.`;
}
