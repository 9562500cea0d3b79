import {
  advance,
  apiTrigger,
  createInstance,
  type Input,
  type Instance,
  type JourneyVersion,
  type Json,
  matchTrigger,
  mayEnter,
} from "@overture/core";
import type { Clock } from "../clock/clock.ts";
import { InputError, TransientError } from "../errors.ts";
import { announceOutbox } from "../outbox/outbox-wake.ts";
import type { EngineService } from "../runtime-types.ts";
import { EngineSegments } from "../segments/engine-segments.ts";
import type { SegmentDefinitions } from "../segments/segment-ports.ts";
import { partitionOf } from "../store/partition.ts";
import type { EntryStat, EventRow, PartitionTx, Store, StoredInstance } from "../store/store.ts";
import { Batch } from "./batch.ts";
import { factsOfDue, factsOfEvents, triggeredJourneys } from "./facts-wanted.ts";
import { fireSchedules } from "./scheduler.ts";
import { VersionCache } from "./version-cache.ts";

export type EngineOptions = {
  /** Events and due timers taken per partition transaction. */
  batchSize?: number;
  /** Partition transactions run at once, on disjoint partitions (default: the store's concurrentBatches). */
  concurrentBatches?: number;
  onError?: (error: unknown) => void;
  /** Segment definitions (issue 14): with them, each batch keeps the touched customers' memberships current. */
  segments?: SegmentDefinitions;
};

type PassResult = { events: number; timers: number; steps: number };
/** A pass's result; `more` is true when a partition filled its batch, so work due now may be left. */
type Pass = PassResult & { more: boolean };

/** Deals the partitions into at most `count` groups, in turn, so each group gets a like share of the work. */
export function spread(partitions: number[], count: number): number[][] {
  const groups: number[][] = [];
  partitions.forEach((p, n) => {
    const g = n % Math.max(1, count);
    if (!groups[g]) groups[g] = [];
    groups[g].push(p);
  });
  return groups;
}

/** The id of a customer's n-th entry into a journey: deterministic, so a replayed batch writes the same rows. */
export function instanceIdOf(journeyId: string, customerId: string, entry: number): string {
  return `${journeyId}:${customerId}:${entry}`;
}

/**
 * The worker. Each pass takes every partition it can lock and, inside that partition's transaction, matches
 * pending events (exit criteria, goals, waits, then triggers) and fires due timers, running the pure interpreter
 * and writing instances, history and outbox rows together.
 */
export class Engine implements EngineService {
  readonly versions: VersionCache;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /** Steps executed since this engine started (benchmarks read it). */
  stepsExecuted = 0;
  /** Segment membership and builds, when the engine keeps them (useSegments). */
  segments: EngineSegments | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: EngineOptions = {},
  ) {
    this.versions = new VersionCache(store);
    this.batchSize = options.batchSize ?? 1_000;
    if (options.segments) this.useSegments(options.segments);
  }

  /**
   * Keeps segment memberships current in the batch path from now on, and builds new and changed segments in a loop
   * of their own while the engine runs (the catalog is wired after the engine).
   */
  useSegments(definitions: SegmentDefinitions): void {
    this.segments = new EngineSegments(this.store, definitions, this.clock);
  }

  async runOnce(): Promise<Pass> {
    await this.versions.refreshLive();
    await this.segments?.refresh();
    const total: Pass = { events: 0, timers: 0, steps: 0, more: false };
    // A schedule page stored now is matched below like any event; a full page means more to store next pass.
    if ((await fireSchedules(this.store, this.versions, this.clock.now())) > 0) total.more = true;
    const busy = await this.store.partitionsWithWork(this.clock.now());
    // Segment timers are due work too.
    await this.segments?.addDuePartitions(busy, this.clock.now());
    if (busy.length === 0) return total;
    // The partitions with work in as few transactions as the store runs at once: one commit (one flush) for each.
    const groups = spread(busy, this.options.concurrentBatches ?? this.store.concurrentBatches);
    // Settled, not all: a failed group rethrows only once the others have finished, so no transaction is left behind.
    const settled = await Promise.allSettled(
      groups.map(async (group) => {
        const result = await this.store.withPartitions(group, (tx, locked) => this.processPartitions(tx, locked));
        // Committed: this process's dispatchers need not wait for their next poll (PostgreSQL's NOTIFY wakes the others).
        if (result && result.outbox > 0) announceOutbox(this.store);
        return result;
      }),
    );
    settled.forEach((outcome, n) => {
      if (outcome.status === "rejected") return;
      const result = outcome.value;
      // Partitions another worker holds may hold work due now: look again.
      if (!result || result.locked < groups[n]!.length) total.more = true;
      if (result) {
        total.events += result.events;
        total.timers += result.timers;
        total.steps += result.steps;
        if (result.full) total.more = true;
      }
    });
    this.stepsExecuted += total.steps;
    const failed = settled.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
    return total;
  }

  async runUntilIdle(): Promise<PassResult> {
    const total: PassResult = { events: 0, timers: 0, steps: 0 };
    for (;;) {
      const r = await this.runOnce();
      total.events += r.events;
      total.timers += r.timers;
      total.steps += r.steps;
      // A pass takes everything due now unless a batch was full: new timers are always in the future.
      if (!r.more) return total;
    }
  }

  start(options: { intervalMs?: number } = {}): void {
    if (this.timer) return;
    const interval = options.intervalMs ?? 200;
    const tick = () => {
      this.running = this.runOnce().then(
        // Keep going at once while there is a backlog; otherwise poll.
        (r) => {
          if (this.timer) this.timer = setTimeout(tick, r.events + r.timers > 0 ? 0 : interval);
        },
        (error) => {
          this.options.onError?.(error);
          if (this.timer) this.timer = setTimeout(tick, interval);
        },
      );
    };
    this.timer = setTimeout(tick, 0);
    this.segments?.start(this.options.onError);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = null;
    if (t) clearTimeout(t);
    await this.segments?.stop();
    await this.running;
  }

  /** Enters one customer through a journey's API trigger, in the customer's partition. */
  async enter(
    workspaceId: string,
    journeyId: string,
    customerId: string,
    properties: Record<string, Json>,
  ): Promise<Instance> {
    await this.versions.refreshLive();
    const live = this.versions.activeJourneys(workspaceId).find((j) => j.journeyId === journeyId);
    if (!live)
      throw new InputError("journey_not_active", `Journey '${journeyId}' is not active: publish or resume it first`);
    const version = await this.versions.get(workspaceId, journeyId, live.currentVersion);
    const trigger = version && apiTrigger(version);
    if (!version || !trigger) throw new InputError("no_api_trigger", `Journey '${journeyId}' has no API trigger step`);
    const partition = partitionOf(workspaceId, customerId, this.store.partitions);
    for (let attempt = 0; attempt < 50; attempt++) {
      const result = await this.store.withPartition(partition, async (tx) => {
        const batch = new Batch(tx, this.clock.now());
        const stats = await tx.entryStats(workspaceId, [customerId], [journeyId]);
        const facts = await batch.facts(workspaceId, customerId, version.factsFrom.get(trigger.id));
        const entered = this.tryEnter(
          batch,
          workspaceId,
          version,
          trigger.id,
          customerId,
          { name: `api:${journeyId}`, properties },
          stats[0],
          facts,
        );
        if (!entered.instance) throw new InputError("entry_refused", entered.reason);
        await tx.write(batch.finish());
        return entered.instance;
      });
      if (result) {
        announceOutbox(this.store);
        return result;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new TransientError("partition_busy", "The customer's partition stayed busy; try again", 1_000);
  }

  private async processPartitions(
    tx: PartitionTx,
    locked: number[],
  ): Promise<PassResult & { full: boolean; locked: number; outbox: number }> {
    const batch = new Batch(tx, this.clock.now());
    const events = await tx.pendingEvents(batch.now, this.batchSize);
    if (events.length > 0) await this.matchEvents(tx, batch, events);
    const due = await tx.dueInstances(batch.now, this.batchSize);
    await batch.prefetch(await factsOfDue(this.versions, batch, due));
    let timers = 0;
    for (const stored of due) {
      const { workspaceId, instance } = batch.current(stored);
      if (this.versions.status(workspaceId, instance.journeyId) !== "active") continue;
      timers++;
      await this.step(batch, workspaceId, instance, { type: "timer" });
    }
    let outbox = 0;
    const write = batch.finish();
    if (events.length > 0 || timers > 0) {
      outbox = write.outbox.length;
      await tx.write(write);
    }
    const done = { events, due, profileUpdates: write.profileUpdates };
    const segmentsFull = (await this.segments?.afterBatch(tx, locked, batch.now, done, this.batchSize)) ?? false;
    // Limits are per partition: a partition that filled its share may have more due now.
    const perPartition = new Map<number, number>();
    const count = (workspaceId: string, customerId: string) => {
      const p = partitionOf(workspaceId, customerId, this.store.partitions);
      perPartition.set(p, (perPartition.get(p) ?? 0) + 1);
    };
    for (const e of events) count(e.workspaceId, e.customerId);
    const full = [...perPartition.values()].some((n) => n >= this.batchSize);
    perPartition.clear();
    for (const d of due) count(d.workspaceId, d.instance.customerId);
    const dueFull = [...perPartition.values()].some((n) => n >= this.batchSize);
    return {
      events: events.length,
      timers,
      steps: batch.steps,
      full: full || dueFull || segmentsFull,
      locked: locked.length,
      outbox,
    };
  }

  private async matchEvents(tx: PartitionTx, batch: Batch, events: EventRow[]): Promise<void> {
    const byWorkspace = new Map<string, EventRow[]>();
    for (const e of events) {
      const list = byWorkspace.get(e.workspaceId);
      if (list) list.push(e);
      else byWorkspace.set(e.workspaceId, [e]);
    }
    for (const [workspaceId, list] of byWorkspace) {
      const customers = [...new Set(list.map((e) => e.customerId))];
      const live = await tx.liveInstancesOf(workspaceId, customers);
      const liveByCustomer = new Map<string, StoredInstance[]>();
      for (const s of live) {
        const list = liveByCustomer.get(s.instance.customerId);
        if (list) list.push(s);
        else liveByCustomer.set(s.instance.customerId, [s]);
      }
      const triggered = await triggeredJourneys(this.versions, workspaceId, list);
      const stats = await tx.entryStats(workspaceId, customers, [...new Set(triggered.map((v) => v.journeyId))]);
      const statsByKey = new Map(stats.map((s) => [`${s.customerId}\u0000${s.journeyId}`, s]));
      await batch.prefetch(await factsOfEvents(this.versions, batch, workspaceId, list, liveByCustomer, triggered));
      for (const event of list) {
        for (const stored of liveByCustomer.get(event.customerId) ?? []) {
          const { instance } = batch.current(stored);
          if (instance.status !== "waiting" && instance.status !== "active") continue;
          if (this.versions.status(workspaceId, instance.journeyId) !== "active") continue;
          const version = await this.versions.get(workspaceId, instance.journeyId, instance.version);
          if (!version?.wakingEvents.has(event.name)) continue;
          await this.step(batch, workspaceId, instance, { type: "event", event });
        }
        for (const version of triggered) {
          const trigger = matchTrigger(version, event);
          if (!trigger) continue;
          const key = `${event.customerId}\u0000${version.journeyId}`;
          const entered = this.tryEnter(
            batch,
            workspaceId,
            version,
            trigger.id,
            event.customerId,
            event,
            statsByKey.get(key),
            await batch.facts(workspaceId, event.customerId, version.factsFrom.get(trigger.id)),
          );
          if (entered.instance) {
            const previous = statsByKey.get(key);
            statsByKey.set(key, {
              customerId: event.customerId,
              journeyId: version.journeyId,
              count: (previous?.count ?? 0) + 1,
              lastEnteredAt: batch.now,
              active: entered.instance.status === "waiting" || entered.instance.status === "active",
            });
            const stored = { workspaceId, instance: entered.instance };
            liveByCustomer.set(event.customerId, [...(liveByCustomer.get(event.customerId) ?? []), stored]);
          }
        }
        batch.write.processedEvents.push(event.seq);
        batch.noteEvent(event);
      }
    }
  }

  private tryEnter(
    batch: Batch,
    workspaceId: string,
    version: JourneyVersion,
    triggerStepId: string,
    customerId: string,
    event: { name: string; properties: Record<string, Json> },
    previous: EntryStat | undefined,
    facts = { id: customerId, attributes: {} },
  ): { instance: Instance | null; reason: string } {
    const verdict = mayEnter(
      version,
      {
        count: previous?.count ?? 0,
        lastEnteredAt: previous?.lastEnteredAt ?? null,
        active: previous?.active ?? false,
      },
      batch.now,
    );
    if (!verdict.allowed) return { instance: null, reason: verdict.reason };
    const entry = (previous?.count ?? 0) + 1;
    const fresh = createInstance({
      id: instanceIdOf(version.journeyId, customerId, entry),
      version,
      customerId,
      entry,
      triggerStepId,
      event,
      now: batch.now,
    });
    const outcome = advance(version, fresh, { type: "start" }, facts, batch.now);
    batch.record(workspaceId, outcome);
    return { instance: outcome.instance, reason: "entered" };
  }

  private async step(batch: Batch, workspaceId: string, instance: Instance, input: Input): Promise<void> {
    const version = await this.versions.get(workspaceId, instance.journeyId, instance.version);
    if (!version) return;
    const facts = await batch.facts(
      workspaceId,
      instance.customerId,
      instance.stepId ? version.factsFrom.get(instance.stepId) : undefined,
    );
    const outcome = advance(version, instance, input, facts, batch.now);
    if (outcome.steps === 0 && outcome.transitions.length === 0 && outcome.instance.updatedAt === instance.updatedAt) {
      // Nothing happened (an early timer, an event nobody waits for); a stale wake_at is still rewritten.
      if (input.type === "timer") batch.record(workspaceId, outcome);
      return;
    }
    batch.record(workspaceId, outcome);
  }
}
