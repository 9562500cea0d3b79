import {
  DAY_MS,
  eventsFor,
  type Overture,
  type ScheduledEvent,
  type SyntheticOptions,
  scheduleEvents,
  syntheticCustomer,
  syntheticCustomerStream,
} from "@overture/runtime";
import { ONBOARDING_JOURNEY } from "@overture/testkit";
import { Progress } from "./progress.ts";

/** 2026-01-05T09:00:00Z: where the virtual clock starts. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
/** The journey's id in the benchmark workspace. */
export const JOURNEY_ID = "onboarding";
/** Events and due timers the engine takes per partition transaction. */
export const ENGINE_BATCH = 1_000;
/** Customers loaded per scheduleEvents call: the population is streamed, never held whole. */
const LOAD_CHUNK = 5_000;

/**
 * The synthetic population. Purchases fall on 4 instants of the first day (every 6 hours) and behaviour on a one-day
 * grid after the purchase (plus 500 + k ms, so a customer's events never coincide with a timer or each other): many
 * customers are due at the same instant, so the engine works through a backlog in full batches, as a loaded production
 * worker does, instead of one customer per virtual millisecond.
 */
export function population(customers: number): SyntheticOptions {
  return { count: customers, seed: 2026, startAt: T0, purchaseSlots: 4, behaviourGridMs: DAY_MS };
}

/** The id of customer `index` of the population (what eventsFor sends as customerId). */
export function customerIdOf(customers: number, index: number): string {
  return syntheticCustomer(population(customers), index).id;
}

/** Publishes the onboarding journey in `workspaceId`. */
export async function publishOnboarding(overture: Overture, workspaceId: string): Promise<void> {
  await overture.journeys.create(workspaceId, {
    name: ONBOARDING_JOURNEY.name,
    document: { ...ONBOARDING_JOURNEY, id: JOURNEY_ID },
  });
  await overture.journeys.publish(workspaceId, JOURNEY_ID);
}

/**
 * Stores every customer's events ahead of their time, streaming the population in chunks of 5,000 customers.
 * Returns how many events were stored and the time of the latest one.
 */
export async function loadPopulation(
  overture: Overture,
  workspaceId: string,
  customers: number,
  label: string,
): Promise<{ events: number; lastAt: number }> {
  const progress = new Progress(`${label} load`, "customers");
  let chunk: ScheduledEvent[] = [];
  let loaded = 0;
  let events = 0;
  let lastAt = T0;
  for (const customer of syntheticCustomerStream(population(customers))) {
    for (const e of eventsFor(customer)) {
      chunk.push(e);
      if (e.at > lastAt) lastAt = e.at;
    }
    loaded++;
    if (loaded % LOAD_CHUNK === 0 || loaded === customers) {
      events += await scheduleEvents(overture, workspaceId, chunk);
      chunk = [];
      progress.update(loaded / customers, loaded);
    }
  }
  progress.done(loaded, `${events.toLocaleString("en-US")} events`);
  return { events, lastAt };
}
