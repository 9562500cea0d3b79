import type { Clock } from "../clock/clock.ts";
import type { EventRow, PartitionTx, ProfileUpdate, Store, StoredInstance } from "../store/store.ts";
import { SegmentBuilder, startSegmentBuilds } from "./segment-build.ts";
import { SegmentCache } from "./segment-cache.ts";
import { decideTouched, type Touched, touch, touchesSegments } from "./segment-pass.ts";
import type { SegmentDefinitions } from "./segment-ports.ts";
import { partitionsWithDueRechecks } from "./segment-rechecks-due.ts";

/** What one partition batch did, as the segment step reads it. */
export type BatchDone = { events: EventRow[]; due: StoredInstance[]; profileUpdates: ProfileUpdate[] };

/**
 * The engine's segment side (issue 14, docs/decisions/0038): the definitions cache refreshed each pass, the rechecks
 * that make a partition busy, the segment step of each batch, and the build loop that runs beside the engine.
 */
export class EngineSegments {
  readonly cache: SegmentCache;
  readonly builder: SegmentBuilder;
  private builds: { stop(): Promise<void> } | null = null;

  constructor(
    private readonly store: Store,
    definitions: SegmentDefinitions,
    clock: Clock,
  ) {
    this.cache = new SegmentCache(definitions);
    this.builder = new SegmentBuilder(store, definitions, clock);
  }

  refresh(): Promise<void> {
    return this.cache.refresh();
  }

  /** Adds the partitions with a recheck due to `busy`; probed only when some workspace has segments. */
  async addDuePartitions(busy: number[], now: number): Promise<void> {
    if (this.cache.all().size === 0) return;
    for (const p of await partitionsWithDueRechecks(this.store, now)) if (!busy.includes(p)) busy.push(p);
  }

  /**
   * Decides again the segments of the customers the batch touched (and of due rechecks), after its write. True when
   * the next pass must come at once: membership events were queued, or rechecks filled their share.
   */
  async afterBatch(tx: PartitionTx, locked: number[], now: number, done: BatchDone, limit: number): Promise<boolean> {
    const touched: Touched = new Map();
    for (const e of done.events) if (touchesSegments(e.name)) touch(touched, e.workspaceId, e.customerId);
    for (const d of done.due) touch(touched, d.workspaceId, d.instance.customerId);
    for (const u of done.profileUpdates) touch(touched, u.workspaceId, u.customerId);
    const decided = await decideTouched(tx, this.cache, locked, this.store.partitions, now, touched, limit);
    return decided.full || decided.changes > 0;
  }

  start(onError?: (error: unknown) => void): void {
    if (!this.builds) this.builds = startSegmentBuilds(this.builder, { onError });
  }

  async stop(): Promise<void> {
    await this.builds?.stop();
    this.builds = null;
  }
}
