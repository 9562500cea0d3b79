import { type JourneyVersion, matchTrigger, triggerEventNames } from "@overture/core";
import type { EventRow, StoredInstance } from "../store/store.ts";
import type { Batch } from "./batch.ts";
import type { VersionCache } from "./version-cache.ts";

/** What a batch's steps will ask about their customers, loaded at once before they run (see Batch.prefetch). */
export type FactsWanted = Parameters<Batch["prefetch"]>[0];

/** What the due instances' next steps will ask about their customers. */
export async function factsOfDue(versions: VersionCache, batch: Batch, due: StoredInstance[]): Promise<FactsWanted> {
  const wants: FactsWanted = [];
  for (const stored of due) {
    const { workspaceId, instance } = batch.current(stored);
    const version = instance.stepId ? await versions.get(workspaceId, instance.journeyId, instance.version) : null;
    if (version && instance.stepId)
      wants.push({ workspaceId, customerId: instance.customerId, needed: version.factsFrom.get(instance.stepId) });
  }
  return wants;
}

/** What the events' wake-ups and entries will ask about their customers. */
export async function factsOfEvents(
  versions: VersionCache,
  batch: Batch,
  workspaceId: string,
  events: EventRow[],
  liveByCustomer: Map<string, StoredInstance[]>,
  triggered: JourneyVersion[],
): Promise<FactsWanted> {
  const wants: FactsWanted = [];
  for (const event of events) {
    for (const stored of liveByCustomer.get(event.customerId) ?? []) {
      const { instance } = batch.current(stored);
      const version = await versions.get(workspaceId, instance.journeyId, instance.version);
      if (instance.stepId && version?.wakingEvents.has(event.name))
        wants.push({ workspaceId, customerId: event.customerId, needed: version.factsFrom.get(instance.stepId) });
    }
    for (const version of triggered) {
      const trigger = matchTrigger(version, event);
      if (trigger) wants.push({ workspaceId, customerId: event.customerId, needed: version.factsFrom.get(trigger.id) });
    }
  }
  return wants;
}

/** Current versions of active journeys that have a trigger on one of these event names. */
export async function triggeredJourneys(
  versions: VersionCache,
  workspaceId: string,
  events: EventRow[],
): Promise<JourneyVersion[]> {
  const names = new Set(events.map((e) => e.name));
  const out: JourneyVersion[] = [];
  for (const j of versions.activeJourneys(workspaceId)) {
    const version = await versions.get(workspaceId, j.journeyId, j.currentVersion);
    const listens = version && [...triggerEventNames(version)].some((name) => names.has(name));
    if (version && listens) out.push(version);
  }
  return out;
}
