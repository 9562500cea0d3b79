import type { SegmentRule } from "@overture/core";
import { segmentNeeds } from "@overture/core";
import type { Clock } from "../clock/clock.ts";
import { partitionOf } from "../store/partition.ts";
import type { PartitionTx, Store } from "../store/store.ts";
import { buildSegmentAtOnce } from "./segment-build-at-once.ts";
import { decideSegments } from "./segment-decide.ts";
import { loadSegmentFacts, partitionFactsReader } from "./segment-facts-loader.ts";
import { writeSegmentChanges } from "./segment-membership-writes.ts";
import type { SegmentDefinitionRow, SegmentDefinitions } from "./segment-ports.ts";
import { markSegmentBuilt } from "./segment-rows.ts";

/** Customers read, decided and written at once inside a partition's build. */
const CHUNK = 2_000;
/** Customer ids scanned per query while looking for a partition's customers. */
const SCAN = 20_000;

type Pending = SegmentDefinitionRow & { rule: SegmentRule };

/**
 * Builds the membership of dynamic segments that are new or whose rule changed (`version` > `builtVersion`), one
 * partition at a time, in partition order, each inside that partition's lock (`withPartition`): the batch path never
 * decides the same customers meanwhile, and decides a partition's customers itself once its build is recorded
 * (`builtPartitions`). Each partition commits on its own, so a killed build resumes at the next partition.
 * A build records who is in without announcing it: a segment created today does not "enter" everyone.
 */
export class SegmentBuilder {
  constructor(
    private readonly store: Store,
    private readonly definitions: SegmentDefinitions,
    private readonly clock: Clock,
    /** Whether a build may hold every partition for one ordered pass (off: a partition at a time, always). */
    private readonly options: { atOnce?: boolean } = {},
  ) {}

  /** Segments waiting for (the rest of) a build. */
  async pending(): Promise<Pending[]> {
    const out: Pending[] = [];
    for (const workspaceId of await this.definitions.workspacesWithSegments()) {
      for (const d of await this.definitions.list(workspaceId))
        if (d.kind === "dynamic" && d.rule && d.deletedAt === null && d.builtVersion < d.version)
          out.push(d as Pending);
    }
    return out;
  }

  /**
   * Builds the next partition of each pending segment. Returns how many partitions were built (0: nothing to do, or
   * every partition wanted is locked by a batch right now; try again later).
   */
  async step(): Promise<number> {
    let built = 0;
    for (const segment of await this.pending()) {
      const partition = segment.builtPartitions;
      if (partition === 0 && this.options.atOnce !== false && (await this.buildAtOnce(segment))) {
        built += this.store.partitions;
        continue;
      }
      if (partition >= this.store.partitions) {
        await this.definitions.markBuilt(segment.workspaceId, segment.id, segment.version, this.store.partitions);
        continue;
      }
      const done = await this.store.withPartition(partition, (tx) => this.buildPartition(tx, segment, partition));
      if (done === undefined) continue;
      // After the commit: a crash in between builds this partition again, which changes nothing the second time.
      await this.definitions.markBuilt(segment.workspaceId, segment.id, segment.version, partition + 1);
      built++;
    }
    return built;
  }

  /** Builds every pending segment to the end (tests, the bench, a CLI). */
  async buildAll(): Promise<void> {
    for (let idle = 0; idle < 100; ) {
      if ((await this.pending()).length === 0) return;
      if ((await this.step()) === 0) {
        idle++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      } else idle = 0;
    }
    throw new Error("segment build made no progress: its partitions stayed locked");
  }

  /**
   * The whole build in one ordered pass when every partition can be held at once (the engine waits meanwhile: a build
   * is rare, and one pass reads a million customers in seconds where a partition at a time reads them a customer at a
   * time). False when a batch holds a partition now: the build then goes a partition at a time.
   */
  private async buildAtOnce(segment: Pending): Promise<boolean> {
    const all = Array.from({ length: this.store.partitions }, (_, p) => p);
    const done = await this.store.withPartitions(all, async (tx, locked) => {
      if (locked.length < all.length) return false;
      // On PostgreSQL the next chunk is read on another connection while the transaction writes this one.
      const reader = this.store.sql.dialect === "postgres" ? this.store.sql : undefined;
      await buildSegmentAtOnce(tx.sql, this.store.partitions, segment, this.clock.now(), { reader });
      return true;
    });
    if (!done) return false;
    await this.definitions.markBuilt(segment.workspaceId, segment.id, segment.version, this.store.partitions);
    return true;
  }

  private async buildPartition(tx: PartitionTx, segment: Pending, partition: number): Promise<number> {
    const { workspaceId } = segment;
    const now = this.clock.now();
    // Timers of an earlier version of the rule go; this build sets the ones its decisions need.
    await tx.sql.run("DELETE FROM segment_rechecks WHERE workspace_id = ? AND segment_id = ? AND partition = ?", [
      workspaceId,
      segment.id,
      partition,
    ]);
    const one = { ordered: [segment], needs: segmentNeeds(segment.rule) };
    const reader = partitionFactsReader(tx);
    let decided = 0;
    let chunk: string[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const facts = await loadSegmentFacts(reader, workspaceId, chunk, one.needs, now);
      const { changes, rechecks } = decideSegments(workspaceId, one, facts, now, {
        announce: false,
        decides: () => true,
      });
      await writeSegmentChanges(
        tx.sql,
        this.store.partitions,
        changes,
        rechecks.filter((r) => r.at !== null),
      );
      decided += chunk.length;
      chunk = [];
    };
    // customers has no partition column: the partition's customers are found by scanning ids (index only) in order.
    let after = "";
    for (;;) {
      const ids = (
        await tx.sql.all<{ id: string }>(
          "SELECT id FROM customers WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?",
          [workspaceId, after, SCAN],
        )
      ).map((r) => r.id);
      for (const id of ids) {
        if (partitionOf(workspaceId, id, this.store.partitions) !== partition) continue;
        chunk.push(id);
        if (chunk.length >= CHUNK) await flush();
      }
      if (ids.length < SCAN) break;
      after = ids[ids.length - 1] as string;
    }
    await flush();
    // Progress in the same transaction as the members: the batch path reads it under this lock, so it takes over
    // the partition exactly when its members are there (markBuilt after the commit tells the catalog's cache).
    await markSegmentBuilt(
      tx.sql,
      { workspaceId, segmentId: segment.id, version: segment.version },
      partition + 1,
      this.store.partitions,
    );
    return decided;
  }
}

/**
 * Runs builds in a loop of their own beside the engine (started and stopped with it): a build holds one partition's
 * lock at a time, so the engine's passes go on for the other partitions meanwhile (docs/decisions/0038).
 */
export function startSegmentBuilds(
  builder: SegmentBuilder,
  options: { intervalMs?: number; onError?(e: unknown): void } = {},
) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const interval = options.intervalMs ?? 1_000;
  const tick = () => {
    running = builder.step().then(
      (built) => {
        if (timer) timer = setTimeout(tick, built > 0 ? 0 : interval);
      },
      (error) => {
        options.onError?.(error);
        if (timer) timer = setTimeout(tick, interval);
      },
    );
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      const t = timer;
      timer = null;
      if (t) clearTimeout(t);
      await running;
    },
  };
}
