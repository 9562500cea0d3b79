import {
  type Action,
  type CustomerFacts,
  type FactsNeeded,
  isProfileAction,
  type Json,
  type Outcome,
} from "@overture/core";
import { foldEvent, foldTransitions } from "../reports/batch-rollups.ts";
import { RollupFold } from "../store/report-rollups.ts";
import type { BatchWrite, EventRow, PartitionTx, StoredInstance } from "../store/store.ts";

/** How many of a customer's events are loaded for branch conditions and engagement. */
const FACT_EVENTS_LIMIT = 1_000;

/**
 * The working set of one partition batch: instances changed so far, facts loaded, and the rows to write.
 * Later work in the same batch sees earlier changes, so one customer's events are handled in order.
 */
export class Batch {
  readonly write: BatchWrite = { instances: [], history: [], outbox: [], profileUpdates: [], processedEvents: [] };
  readonly instances = new Map<string, StoredInstance>();
  /** The report counters of this batch, written in its transaction (docs/decisions/0039). */
  private readonly rollups = new RollupFold();
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
    const facts: CustomerFacts = { id: customerId, attributes: {} };
    if (!needed) return facts;
    const wants = [{ workspaceId, customerId, needed }];
    if (needed.attributes || needed.events.length > 0) {
      await this.prefetch(wants);
      facts.attributes = this.attributes.get(`${workspaceId}\u0000${customerId}`) ?? {};
    }
    if (needed.events.length > 0)
      facts.events = this.events.get(eventsKey(workspaceId, customerId, needed.events)) ?? [];
    return facts;
  }

  /**
   * Loads the facts of many customers at once, before their steps run: one query per kind of fact for the batch rather
   * than one per customer (on PostgreSQL each is a round trip). What is already loaded is not read again.
   */
  async prefetch(
    wants: Array<{ workspaceId: string; customerId: string; needed: FactsNeeded | undefined }>,
  ): Promise<void> {
    const attributes = new Map<string, Set<string>>();
    const events = new Map<string, { workspaceId: string; names: string[]; customers: Set<string> }>();
    for (const { workspaceId, customerId, needed } of wants) {
      if (!needed || (!needed.attributes && needed.events.length === 0)) continue;
      if (!this.attributes.has(`${workspaceId}\u0000${customerId}`)) addTo(attributes, workspaceId, customerId);
      if (needed.events.length === 0 || this.events.has(eventsKey(workspaceId, customerId, needed.events))) continue;
      const group = `${workspaceId}\u0000${needed.events.join(",")}`;
      let wanted = events.get(group);
      if (!wanted) {
        wanted = { workspaceId, names: needed.events, customers: new Set() };
        events.set(group, wanted);
      }
      wanted.customers.add(customerId);
    }
    for (const [workspaceId, customers] of attributes) {
      for (const [id, values] of await this.tx.customerAttributes(workspaceId, [...customers]))
        this.attributes.set(`${workspaceId}\u0000${id}`, values);
    }
    for (const { workspaceId, names, customers } of events.values()) {
      for (const [id, list] of await this.tx.customerEvents(workspaceId, [...customers], names, FACT_EVENTS_LIMIT)) {
        // Only what has happened by now: a simulation stores events ahead of their time.
        this.events.set(
          eventsKey(workspaceId, id, names),
          list.filter((e) => e.at <= this.now),
        );
      }
    }
  }

  /** Records an interpreter outcome: the instance, its history facts and its actions. */
  record(workspaceId: string, outcome: Outcome): void {
    const i = outcome.instance;
    this.instances.set(`${workspaceId}\u0000${i.id}`, { workspaceId, instance: i });
    this.steps += outcome.steps;
    // One history row per wake-up, holding the interpreter's own list: every step of one call runs at `now`.
    const steps = outcome.transitions;
    if (steps.length > 0) {
      this.write.history.push({
        workspaceId,
        instanceId: i.id,
        journeyId: i.journeyId,
        version: i.version,
        customerId: i.customerId,
        at: steps[0]!.at,
        steps,
      });
      foldTransitions(this.rollups, workspaceId, i, steps);
    }
    for (const action of outcome.actions) this.recordAction(workspaceId, i.id, i.journeyId, i.version, action);
  }

  private recordAction(
    workspaceId: string,
    instanceId: string,
    journeyId: string,
    version: number,
    action: Action,
  ): void {
    if (isProfileAction(action)) {
      this.write.profileUpdates.push({
        workspaceId,
        customerId: action.customerId,
        set: action.set,
        unset: action.unset,
        at: this.now,
      });
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

  /** Counts an event taken off the queue for the reports (opens, clicks, content views…). */
  noteEvent(event: EventRow): void {
    foldEvent(this.rollups, event.workspaceId, event);
  }

  /** Everything to commit, with each changed instance once. */
  finish(): BatchWrite {
    this.write.instances = [...this.instances.values()];
    if (this.rollups.size > 0) this.write.rollups = this.rollups.rows();
    return this.write;
  }
}

function eventsKey(workspaceId: string, customerId: string, names: string[]): string {
  return `${workspaceId}\u0000${customerId}\u0000${names.join(",")}`;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
