import type { Json } from "@overture/core";
import type { VirtualClock } from "../clock/clock.ts";
import type { Overture } from "../overture.ts";
import type { NewEvent } from "../store/store.ts";

/** An event planned for a virtual time; attributes are merged into the profile when it is loaded. */
export type ScheduledEvent = {
  id: string;
  name: string;
  customerId: string;
  at: number;
  properties?: Record<string, Json>;
  attributes?: Record<string, Json>;
};

export type SimulationProgress = { now: number; until: number; steps: number; passes: number };

/**
 * Stores events ahead of their time. The engine takes an event only once the clock reaches it, so a simulation
 * can load every customer's behaviour up front and hold none of it in memory.
 */
export async function scheduleEvents(
  overture: Overture,
  workspaceId: string,
  events: ScheduledEvent[],
): Promise<number> {
  const profiles = events
    .filter((e) => e.attributes && Object.keys(e.attributes).length > 0)
    .map((e) => ({ id: e.customerId, attributes: e.attributes as Record<string, Json> }));
  if (profiles.length > 0) await overture.store.upsertCustomers(workspaceId, profiles, overture.clock.now());
  const rows: NewEvent[] = events.map((e) => ({
    workspaceId,
    id: e.id,
    name: e.name,
    customerId: e.customerId,
    properties: e.properties ?? {},
    at: e.at,
    receivedAt: e.at,
  }));
  return overture.store.insertEvents(rows);
}

/**
 * Runs the engine under virtual time until `until` (or until nothing is left to do): work off everything due,
 * then jump the clock to the next timer or event. With `dispatch`, the outbox is delivered at each instant too.
 */
export async function runSimulation(
  overture: Overture,
  clock: VirtualClock,
  options: { until: number; dispatch?: boolean; onProgress?: (p: SimulationProgress) => void },
): Promise<{ steps: number; passes: number; events: number; timers: number }> {
  const total = { steps: 0, passes: 0, events: 0, timers: 0 };
  for (;;) {
    const r = await overture.engine.runUntilIdle();
    total.steps += r.steps;
    total.events += r.events;
    total.timers += r.timers;
    total.passes++;
    if (options.dispatch) await overture.dispatcher.runUntilIdle();
    options.onProgress?.({ now: clock.now(), until: options.until, steps: total.steps, passes: total.passes });
    const next = await overture.store.nextWakeAt();
    if (next === null || next > options.until) break;
    // Something due now that a pass did not take (a paused journey's row): nothing more will happen.
    if (next <= clock.now() && r.events + r.timers === 0) break;
    clock.advanceTo(next);
  }
  return total;
}
