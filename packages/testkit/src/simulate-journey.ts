import type { JourneyDocument } from "@overture/core";
import { type JourneyStats, type Overture, runSimulation as runEngine, type ScheduledEvent, scheduleEvents, type VirtualClock } from "@overture/runtime";
import { DAY_MS, eventsFor, syntheticCustomerStream } from "./synthetic-customers.ts";

/** What to simulate: a journey, how many synthetic customers, for how long, from which seed. */
export type SimulationOptions = {
  overture: Overture;
  clock: VirtualClock;
  document: JourneyDocument;
  customers: number;
  days: number;
  seed: number;
  onProgress?: (progress: { fraction: number; virtualDay: number; steps: number }) => void;
};

/** The outcome: the journey's figures and how much work it took. */
export type SimulationResult = { stats: JourneyStats; journeyId: string; events: number; steps: number; seconds: number };

/** The event the testkit's customers enter with. */
const PURCHASE = "purchase.completed";
const SCHEDULE_CHUNK = 5_000;

/**
 * Runs a journey for the testkit's synthetic customers under virtual time, with the runtime's simulation driver:
 * publishes it in a fresh workspace, stores every customer's events ahead of their time, then lets the engine work
 * off each instant and jump the clock to the next event or timer, up to `days` days.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { overture, clock } = options;
  const began = performance.now();
  const start = clock.now();
  const until = start + options.days * DAY_MS;
  const document = enteredByPurchase(options.document);
  const { workspaceId } = await overture.workspaces.create("Simulation");
  const journey = await overture.journeys.create(workspaceId, { name: document.name, document });
  const { version } = await overture.journeys.publish(workspaceId, journey.id);

  const entry = triggerEvent(document);
  let chunk: ScheduledEvent[] = [];
  let events = 0;
  for (const customer of syntheticCustomerStream({ count: options.customers, seed: options.seed, startAt: start })) {
    for (const event of eventsFor(customer)) {
      if (event.at > until) continue;
      chunk.push(event.name === PURCHASE ? { ...event, name: entry } : event);
    }
    if (chunk.length >= SCHEDULE_CHUNK) {
      events += chunk.length;
      await scheduleEvents(overture, workspaceId, chunk);
      chunk = [];
    }
  }
  events += chunk.length;
  await scheduleEvents(overture, workspaceId, chunk);

  const result = await runEngine(overture, clock, {
    until,
    onProgress: (p) => options.onProgress?.({ fraction: (p.now - start) / (until - start), virtualDay: (p.now - start) / DAY_MS, steps: p.steps }),
  });
  clock.advanceTo(until);
  options.onProgress?.({ fraction: 1, virtualDay: options.days, steps: result.steps });
  const stats = await overture.journeys.stats(workspaceId, journey.id, version);
  return { stats, journeyId: journey.id, events, steps: result.steps, seconds: (performance.now() - began) / 1000 };
}

/**
 * The journey as simulated: a trigger on an API call or a schedule becomes a trigger on the customers' purchase, so
 * every journey gets entrants; step ids, and so the funnel, stay the same.
 */
export function enteredByPurchase(document: JourneyDocument): JourneyDocument {
  if (document.steps.some((s) => s.type === "trigger" && s.trigger.type === "event")) return document;
  return {
    ...document,
    steps: document.steps.map((s) => (s.type === "trigger" ? { ...s, trigger: { type: "event" as const, event: PURCHASE } } : s)),
  };
}

/** The event the journey's first event trigger waits for. */
function triggerEvent(document: JourneyDocument): string {
  for (const step of document.steps) if (step.type === "trigger" && step.trigger.type === "event") return step.trigger.event;
  return PURCHASE;
}
