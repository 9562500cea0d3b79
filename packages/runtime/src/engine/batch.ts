import type { Action, CustomerFacts, FactsNeeded, Json, Outcome } from "@overture/core";
import type { BatchWrite, PartitionTx, StoredInstance } from "../store/store.ts";

/** How many of a customer's events are loaded for branch conditions and engagement. */
const FACT_EVENTS_LIMIT = 1_000;

/**
 * The working set of one partition batch: instances changed so far, facts loaded, and the rows to write.
 * Later work in the same batch sees earlier changes, so one customer's events are handled in order.
 */
export class Batch {
  readonly write: BatchWrite = { instances: [], transitions: [], outbox: [], profileUpdates: [], processedEvents: [] };
  readonly instances = new Map<string, StoredInstance>();
  private readonly attributes = new Map<string, Record<string, Json>>();
  private readonly events = new Map<string, CustomerFacts["events"]>();
  steps = 0;

  constructor(
    private readonly tx: PartitionTx,
    readonly now: number,
  ) {}

  /** The batch's copy of an instance when it has one (it may be newer than the stored row). */
  current(stored: StoredInstance): StoredInstance {
    return this.instances.get(`${stored.workspaceId}\u0000${stored.instance.id}`) ?? stored;
  }

  /** Loads what the interpreter needs about a customer, once per batch. */
  async facts(workspaceId: string, customerId: string, needed: FactsNeeded | undefined): Promise<CustomerFacts> {
    const key = `${workspaceId}\u0000${customerId}`;
    const facts: CustomerFacts = { id: customerId, attributes: {} };
    if (!needed) return facts;
    if (needed.attributes || needed.events.length > 0) {
      let attributes = this.attributes.get(key);
      if (!attributes) {
        attributes = (await this.tx.customerAttributes(workspaceId, [customerId])).get(customerId) ?? {};
        this.attributes.set(key, attributes);
      }
      facts.attributes = attributes;
    }
    if (needed.events.length > 0) {
      const cacheKey = `${key}\u0000${needed.events.join(",")}`;
      let events = this.events.get(cacheKey);
      if (!events) {
        // Only what has happened by now: a simulation stores events ahead of their time.
        events = (await this.tx.customerEvents(workspaceId, customerId, needed.events, FACT_EVENTS_LIMIT)).filter((e) => e.at <= this.now);
        this.events.set(cacheKey, events);
      }
      facts.events = events;
    }
    return facts;
  }

  /** Records an interpreter outcome: the instance, its history facts and its actions. */
  record(workspaceId: string, outcome: Outcome): void {
    const i = outcome.instance;
    this.instances.set(`${workspaceId}\u0000${i.id}`, { workspaceId, instance: i });
    this.steps += outcome.steps;
    for (const t of outcome.transitions) {
      // Field by field: on Node 20, `{ ...t, more }` (a spread followed by properties) is ~30× slower, and this runs
      // for every step of every customer (see docs/benchmarks.md).
      this.write.transitions.push({
        stepId: t.stepId,
        kind: t.kind,
        outcome: t.outcome,
        reason: t.reason,
        at: t.at,
        workspaceId,
        instanceId: i.id,
        journeyId: i.journeyId,
        version: i.version,
        customerId: i.customerId,
      });
    }
    for (const action of outcome.actions) this.recordAction(workspaceId, i.id, i.journeyId, i.version, action);
  }

  private recordAction(workspaceId: string, instanceId: string, journeyId: string, version: number, action: Action): void {
    if (action.type === "update-profile") {
      this.write.profileUpdates.push({ workspaceId, customerId: action.customerId, set: action.set, unset: action.unset, at: this.now });
      const key = `${workspaceId}\u0000${action.customerId}`;
      const cached = this.attributes.get(key);
      if (cached) {
        const next = { ...cached, ...action.set };
        for (const k of action.unset) delete next[k];
        this.attributes.set(key, next);
      }
      return;
    }
    this.write.outbox.push({
      workspaceId,
      key: action.key,
      instanceId,
      journeyId,
      version,
      stepId: action.stepId,
      customerId: action.customerId,
      channel: action.type,
      payload: action.payload,
      nextAttemptAt: this.now,
      createdAt: this.now,
    });
  }

  /** Everything to commit, with each changed instance once. */
  finish(): BatchWrite {
    this.write.instances = [...this.instances.values()];
    return this.write;
  }
}
