import type { Condition } from "../model/condition.ts";
import type { JourneyDocument } from "../model/journey.ts";
import type { Step, StepOf, Trigger } from "../model/step.ts";
import { exitEventOf, SEGMENT_ENTERED, SEGMENT_LEFT } from "../segments/segment-rule.ts";
import { CONTENT_VIEWED } from "./engagement.ts";
import { SCHEDULE_EVENT } from "./entry.ts";

/**
 * What the runtime must load about a customer before running steps from a given point. `segments`: a branch arm asks
 * "is in segment", so the customer's segments go in `CustomerFacts.segments`.
 */
export type FactsNeeded = { attributes: boolean; events: string[]; segments: boolean };

type NeedsAcc = { attributes: boolean; events: Set<string>; segments: boolean };

/** A published journey version, indexed for the interpreter and the runtime's matching. Build it once per version. */
export type JourneyVersion = {
  journeyId: string;
  version: number;
  document: JourneyDocument;
  steps: ReadonlyMap<string, Step>;
  triggers: StepOf<"trigger">[];
  /** Event names that can wake an instance of this version: waits, exit criteria and the goal. */
  wakingEvents: ReadonlySet<string>;
  /** Event names that can start this version: event triggers', `$schedule`, and `$segment.entered` / `$segment.left`. */
  triggerEvents: ReadonlySet<string>;
  /** Per step: the facts needed to run from that step to the next wait (branches and recommendations). */
  factsFrom: ReadonlyMap<string, FactsNeeded>;
};

/** The ids of the steps a step leads to. */
export function exitsOf(step: Step): Array<{ outcome: string; next: string | null | undefined }> {
  switch (step.type) {
    case "exit":
      return [];
    case "wait-for-event":
      return [
        { outcome: "event", next: step.next },
        { outcome: "timeout", next: step.timeoutNext },
      ];
    case "branch":
      return [...step.arms.map((a) => ({ outcome: a.id, next: a.next })), { outcome: "else", next: step.else?.next }];
    case "split":
      return step.arms.map((a) => ({ outcome: a.id, next: a.next }));
    case "goal":
      return step.exit ? [] : [{ outcome: "next", next: step.next }];
    default:
      return [{ outcome: "next", next: step.next }];
  }
}

function conditionNeeds(condition: Condition, into: NeedsAcc): void {
  switch (condition.type) {
    case "attribute":
      into.attributes = true;
      return;
    case "event":
      into.events.add(condition.event);
      return;
    case "top-topic":
      into.events.add(CONTENT_VIEWED);
      return;
    case "not":
      conditionNeeds(condition.condition, into);
      return;
    case "segment":
      into.segments = true;
      return;
    default:
      for (const c of condition.conditions) conditionNeeds(c, into);
  }
}

function ownNeeds(step: Step, into: NeedsAcc): void {
  if (step.type === "branch") for (const arm of step.arms) conditionNeeds(arm.condition, into);
  if (step.type === "recommend") into.events.add(CONTENT_VIEWED);
}

const WAITS = new Set(["wait", "wait-for-event"]);

/** Facts needed from `start` up to and including the next waits, following every exit. */
function needsFrom(start: string, steps: ReadonlyMap<string, Step>): FactsNeeded {
  const acc: NeedsAcc = { attributes: false, events: new Set<string>(), segments: false };
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = steps.get(id);
    if (!step) continue;
    ownNeeds(step, acc);
    if (WAITS.has(step.type) && id !== start) continue;
    for (const exit of exitsOf(step)) if (exit.next) stack.push(exit.next);
  }
  return { attributes: acc.attributes, events: [...acc.events].sort(), segments: acc.segments };
}

function startingEvents(trigger: Trigger): string[] {
  switch (trigger.type) {
    case "event":
      return [trigger.event];
    case "schedule":
      return [SCHEDULE_EVENT];
    case "segment":
      return [trigger.on === "enter" ? SEGMENT_ENTERED : SEGMENT_LEFT];
    case "api":
      return [];
  }
}

/** The event names that can start a version (the engine looks at a journey only when a batch holds one of them). */
export function triggerEventNames(version: JourneyVersion): ReadonlySet<string> {
  return version.triggerEvents;
}

/** Indexes a journey document as version `version` of journey `journeyId`. */
export function compileJourney(journeyId: string, version: number, document: JourneyDocument): JourneyVersion {
  const steps = new Map(document.steps.map((s) => [s.id, s]));
  const wakingEvents = new Set<string>();
  for (const step of document.steps)
    if (step.type === "wait-for-event") for (const e of step.events) wakingEvents.add(e.event);
  for (const c of document.settings.exitCriteria) wakingEvents.add(exitEventOf(c).event);
  if (document.settings.goal) wakingEvents.add(document.settings.goal.event);
  const factsFrom = new Map<string, FactsNeeded>();
  for (const step of document.steps) factsFrom.set(step.id, needsFrom(step.id, steps));
  const triggers = document.steps.filter((s): s is StepOf<"trigger"> => s.type === "trigger");
  const triggerEvents = new Set(triggers.flatMap((t) => startingEvents(t.trigger)));
  return { journeyId, version, document, steps, triggers, wakingEvents, triggerEvents, factsFrom };
}
