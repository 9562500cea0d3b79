import {
  explainNobodyEntered,
  type JourneyDocument,
  SIMULATED_ENTRY_EVENT,
  simulationBehaviours,
} from "@overture/core";
import type { JourneyStats } from "../api.ts";
import type { VirtualClock } from "../clock/clock.ts";
import type { Overture } from "../overture.ts";
import { behaviourCustomers } from "./behaviour-customers.ts";
import { runSimulation as runEngine, type ScheduledEvent, scheduleEvents } from "./simulate.ts";

const DAY_MS = 86_400_000;
const SCHEDULE_CHUNK = 5_000;

/** What to simulate: a journey, how many simulated customers, for how long, from which seed. */
export type SimulationOptions = {
  overture: Overture;
  clock: VirtualClock;
  document: JourneyDocument;
  customers: number;
  days: number;
  seed: number;
  onProgress?: (progress: { fraction: number; virtualDay: number; steps: number }) => void;
};

/** The outcome: the journey's figures, how much work it took, and why nobody entered when nobody did. */
export type SimulationResult = {
  stats: JourneyStats;
  journeyId: string;
  events: number;
  steps: number;
  seconds: number;
  nobodyEntered?: string;
};

/**
 * Runs a journey for simulated customers under virtual time: derives what they do from the journey (with the user's
 * edits in `settings.simulation`), publishes it in a fresh workspace, stores every customer's events ahead of their
 * time, then lets the engine work off each instant and jump the clock to the next event or timer, up to `days` days.
 */
export async function simulateJourney(options: SimulationOptions): Promise<SimulationResult> {
  const { overture, clock } = options;
  const began = performance.now();
  const start = clock.now();
  const until = start + options.days * DAY_MS;
  const behaviours = simulationBehaviours(options.document);
  const document = enteredByEvent(options.document);
  const { workspaceId } = await overture.workspaces.create("Simulation");
  const journey = await overture.journeys.create(workspaceId, { name: document.name, document });
  const { version } = await overture.journeys.publish(workspaceId, journey.id);

  const triggers = document.steps.flatMap((s) => (s.type === "trigger" ? [s] : []));
  const made = behaviourCustomers(behaviours, triggers, { count: options.customers, seed: options.seed, start, until });
  let chunk: ScheduledEvent[] = [];
  let events = 0;
  for (const customer of made.customers) {
    chunk.push(...customer);
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
    onProgress: (p) =>
      options.onProgress?.({
        fraction: (p.now - start) / (until - start),
        virtualDay: (p.now - start) / DAY_MS,
        steps: p.steps,
      }),
  });
  clock.advanceTo(until);
  options.onProgress?.({ fraction: 1, virtualDay: options.days, steps: result.steps });
  const stats = await overture.journeys.stats(workspaceId, journey.id, version);
  const nobodyEntered = stats.entered === 0 ? explainNobodyEntered(made.tallies, behaviours, options.days) : undefined;
  const outcome: SimulationResult = {
    stats,
    journeyId: journey.id,
    events,
    steps: result.steps,
    seconds: (performance.now() - began) / 1000,
  };
  return nobodyEntered ? { ...outcome, nobodyEntered } : outcome;
}

/**
 * The journey as simulated: a trigger on an API call or a schedule becomes a trigger on a stand-in event that the
 * simulated customers send, so every journey gets entrants; step ids, and so the funnel, stay the same.
 */
export function enteredByEvent(document: JourneyDocument): JourneyDocument {
  if (document.steps.every((s) => s.type !== "trigger" || s.trigger.type === "event")) return document;
  return {
    ...document,
    steps: document.steps.map((s) =>
      s.type === "trigger" && s.trigger.type !== "event"
        ? { ...s, trigger: { type: "event" as const, event: SIMULATED_ENTRY_EVENT } }
        : s,
    ),
  };
}
