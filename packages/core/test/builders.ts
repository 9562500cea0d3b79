/**
 * Small builders for core tests: journeys, steps, customers, events, and a driver that feeds inputs to advance().
 * Test-only; nothing in src imports this.
 */
import {
  advance,
  type CustomerEvent,
  type CustomerFacts,
  compileJourney,
  createInstance,
  type Input,
  type Instance,
  JourneyDocument,
  type JourneyDocumentInput,
  type JourneyVersion,
  type Json,
  type Outcome,
} from "../src/index.ts";

export type StepInput = JourneyDocumentInput["steps"][number];
export type SettingsInput = NonNullable<JourneyDocumentInput["settings"]>;

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 6 January 2025, 12:00 UTC. */
export const T0 = Date.UTC(2025, 0, 6, 12, 0);

/** A raw journey document (not parsed), for validation tests. */
export function rawJourney(steps: unknown[], settings: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemaVersion: 1, name: "Test journey", settings, steps };
}

/** A parsed journey document; throws when the steps do not fit the schema. */
export function journey(steps: StepInput[], settings: SettingsInput = {}): JourneyDocument {
  return JourneyDocument.parse({ schemaVersion: 1, name: "Test journey", settings, steps });
}

/** Journey "j1" version 1 made of these steps. */
export function version(steps: StepInput[], settings: SettingsInput = {}): JourneyVersion {
  return compileJourney("j1", 1, journey(steps, settings));
}

export const trigger = (
  id: string,
  next: string | null,
  event = "signup",
  extra: Record<string, unknown> = {},
): StepInput => ({ id, type: "trigger", trigger: { type: "event", event, ...extra }, next }) as StepInput;
export const email = (id: string, next: string | null, extra: Record<string, unknown> = {}): StepInput =>
  ({ id, type: "email", subject: `Subject ${id}`, body: "<p>Hi</p>", next, ...extra }) as StepInput;
export const notification = (id: string, next: string | null, extra: Record<string, unknown> = {}): StepInput =>
  ({ id, type: "notification", title: `Title ${id}`, next, ...extra }) as StepInput;
export const personalize = (
  id: string,
  next: string | null,
  slot = "dashboard.hero",
  contentId: string | null = "onboarding-1",
  extra = {},
): StepInput => ({ id, type: "personalize", slot, contentId, next, ...extra }) as StepInput;
export const webhook = (id: string, next: string | null, endpoint = "crm.onboard"): StepInput => ({
  id,
  type: "webhook",
  endpoint,
  next,
});
export const wait = (id: string, duration: string, next: string | null): StepInput => ({
  id,
  type: "wait",
  wait: { type: "duration", duration },
  next,
});
export const waitUntil = (id: string, date: string, next: string | null): StepInput => ({
  id,
  type: "wait",
  wait: { type: "until-date", date },
  next,
});
export const waitTime = (id: string, time: string, next: string | null, days?: number[]): StepInput =>
  ({ id, type: "wait", wait: { type: "time-of-day", time, ...(days ? { days } : {}) }, next }) as StepInput;
export const waitFor = (
  id: string,
  events: string[],
  timeout: string,
  next: string | null,
  timeoutNext: string | null,
): StepInput => ({
  id,
  type: "wait-for-event",
  events: events.map((event) => ({ event })),
  timeout,
  next,
  timeoutNext,
});
export const exit = (id: string): StepInput => ({ id, type: "exit" });
export const goal = (id: string, name: string, extra: Record<string, unknown> = {}): StepInput =>
  ({ id, type: "goal", goal: name, ...extra }) as StepInput;
export const recommend = (id: string, next: string | null, extra: Record<string, unknown> = {}): StepInput =>
  ({ id, type: "recommend", count: 3, next, ...extra }) as StepInput;
export const updateProfile = (
  id: string,
  next: string | null,
  set: Record<string, unknown>,
  unset: string[] = [],
): StepInput => ({
  id,
  type: "update-profile",
  set,
  unset,
  next,
});
export const branch = (
  id: string,
  arms: Array<{ id: string; condition: unknown; next: string | null }>,
  elseNext: string | null | undefined,
): StepInput =>
  ({
    id,
    type: "branch",
    arms: arms.map((a) => ({ label: `Arm ${a.id}`, ...a })),
    ...(elseNext === undefined ? {} : { else: { next: elseNext } }),
  }) as StepInput;
export const split = (id: string, arms: Array<{ id: string; percent: number; next: string | null }>): StepInput => ({
  id,
  type: "split",
  arms: arms.map((a) => ({ label: `Arm ${a.id}`, ...a })),
});

/** What the runtime knows about a customer. */
export function customer(
  id = "c1",
  attributes: Record<string, Json> = {},
  events: CustomerEvent[] = [],
  engagement?: Record<string, number>,
): CustomerFacts {
  return { id, attributes, events, ...(engagement ? { engagement } : {}) };
}

let eventCounter = 0;
/** An event for customer c1 (or another), at `at`. */
export function event(
  name: string,
  at: number,
  properties: Record<string, Json> = {},
  customerId = "c1",
): CustomerEvent {
  eventCounter += 1;
  return { id: `e${eventCounter}`, name, customerId, properties, at };
}

/** A fresh instance of `v` for the customer at its first trigger, entered at `now`. */
export function enter(
  v: JourneyVersion,
  facts: CustomerFacts = customer(),
  now = T0,
  entering?: CustomerEvent,
): Instance {
  const first = v.triggers[0];
  if (!first) throw new Error("the journey has no trigger");
  return createInstance({
    id: `i-${facts.id}`,
    version: v,
    customerId: facts.id,
    entry: 1,
    triggerStepId: first.id,
    event: entering ?? null,
    now,
  });
}

/** Enters and starts an instance: the outcome of its first run. */
export function start(v: JourneyVersion, facts: CustomerFacts = customer(), now = T0): Outcome {
  return advance(v, enter(v, facts, now), { type: "start" }, facts, now);
}

/** Feeds inputs one after another (each with its time), returning every outcome. */
export function drive(
  v: JourneyVersion,
  instance: Instance,
  inputs: Array<{ input: Input; at: number }>,
  facts: CustomerFacts = customer(),
): Outcome[] {
  const outcomes: Outcome[] = [];
  let current = instance;
  for (const { input, at } of inputs) {
    const outcome = advance(v, current, input, facts, at);
    outcomes.push(outcome);
    current = outcome.instance;
  }
  return outcomes;
}

/** Freezes a value and everything inside it, so a test fails if a pure function mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The step ids of an outcome's channel and profile actions, in order. */
export const actionSteps = (outcome: Outcome): string[] => outcome.actions.map((a) => a.stepId);
