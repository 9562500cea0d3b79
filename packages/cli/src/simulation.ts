import type { JourneyDocument } from "@overture/core";
import type { IncomingEvent, JourneyStats, Overture, VirtualClock } from "@overture/runtime";
import { DAY_MS, eventsFor, type SyntheticEvent, syntheticCustomerStream } from "@overture/testkit";

/** What to simulate: a journey, how many synthetic customers, for how long, from which seed. */
export type SimulationOptions = {
  overture: Overture;
  clock: VirtualClock;
  document: JourneyDocument;
  customers: number;
  days: number;
  seed: number;
  /**
   * Work due within this many milliseconds is done together (0: every event and timer at its exact time). Coarser
   * steps make big populations fast; timers then fire up to this late.
   */
  resolutionMs?: number;
  onProgress?: (progress: { fraction: number; virtualDay: number; events: number; steps: number }) => void;
};

/** The outcome: the journey's figures and how much work it took. */
export type SimulationResult = { stats: JourneyStats; journeyId: string; events: number; steps: number; seconds: number };

const INGEST_CHUNK = 5_000;
/** When a timer is due but nothing fires it, time still moves on in steps of this size. */
const STALL_STEP_MS = 60_000;

/**
 * Runs a journey for synthetic customers under virtual time: publishes it in a fresh workspace, then repeatedly
 * sends the events that are due, runs the engine until idle, and jumps the clock to the next event or timer.
 * The testkit's customers buy (`purchase.completed`) then behave; the purchase is renamed to the journey's trigger
 * event, or becomes an API start, so any journey gets entrants.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { overture, clock, document } = options;
  const began = performance.now();
  const start = clock.now();
  const end = start + options.days * DAY_MS;
  const { workspaceId } = await overture.workspaces.create("Simulation");
  const journey = await overture.journeys.create(workspaceId, { name: document.name, document });
  const { version } = await overture.journeys.publish(workspaceId, journey.id);

  const entry = entryOf(document);
  const events: SyntheticEvent[] = [];
  for (const customer of syntheticCustomerStream({ count: options.customers, seed: options.seed, startAt: start })) {
    for (const event of eventsFor(customer)) {
      if (event.name === "purchase.completed" && entry.type === "event") event.name = entry.event;
      events.push(event);
    }
  }
  events.sort((a, b) => a.at - b.at);

  let next = 0;
  let steps = 0;
  for (;;) {
    const now = clock.now();
    const due: SyntheticEvent[] = [];
    while (next < events.length && events[next]!.at <= now) due.push(events[next++]!);
    for (let i = 0; i < due.length; i += INGEST_CHUNK) await overture.events.ingest(workspaceId, due.slice(i, i + INGEST_CHUNK).map(toIncoming));
    if (entry.type === "api") await startPurchasers(overture, workspaceId, journey.id, due);
    steps += (await overture.engine.runUntilIdle()).steps;
    options.onProgress?.({ fraction: (now - start) / (end - start), virtualDay: (now - start) / DAY_MS, events: next, steps });

    const nextEvent = events[next]?.at ?? Number.POSITIVE_INFINITY;
    const nextTimer = (await overture.store.nextWakeAt()) ?? Number.POSITIVE_INFINITY;
    let wake = Math.min(nextEvent, nextTimer);
    // A timer still due after an idle run belongs to something that cannot run now (e.g. a paused journey).
    if (wake <= now) wake = Math.min(nextEvent > now ? nextEvent : Number.POSITIVE_INFINITY, now + STALL_STEP_MS);
    wake = Math.max(wake, now + (options.resolutionMs ?? 0));
    if (wake > end) break;
    clock.advanceTo(wake);
  }
  clock.advanceTo(end);
  options.onProgress?.({ fraction: 1, virtualDay: options.days, events: next, steps });
  const stats = await overture.journeys.stats(workspaceId, journey.id, version);
  return { stats, journeyId: journey.id, events: next, steps, seconds: (performance.now() - began) / 1000 };
}

type Entry = { type: "event"; event: string } | { type: "api" } | { type: "other" };

function entryOf(document: JourneyDocument): Entry {
  for (const step of document.steps) {
    if (step.type !== "trigger") continue;
    if (step.trigger.type === "event") return { type: "event", event: step.trigger.event };
    if (step.trigger.type === "api") return { type: "api" };
  }
  return { type: "other" };
}

function toIncoming(event: SyntheticEvent): IncomingEvent {
  const incoming: IncomingEvent = { id: event.id, name: event.name, customerId: event.customerId, properties: event.properties, at: event.at };
  if (event.attributes) incoming.attributes = event.attributes;
  return incoming;
}

/** For a journey entered by API call: each purchase starts the customer in it (refused entries are not errors here). */
async function startPurchasers(overture: Overture, workspaceId: string, journeyId: string, due: SyntheticEvent[]): Promise<void> {
  for (const event of due) {
    if (event.name !== "purchase.completed") continue;
    try {
      await overture.journeys.start(workspaceId, journeyId, event.customerId, event.properties);
    } catch (error) {
      if (!(error instanceof Error && error.name === "InputError")) throw error;
    }
  }
}
