import { SEGMENT_ENTERED, SEGMENT_LEFT } from "@overture/core";
import { partitionOf } from "../store/partition.ts";
import type { PartitionTx } from "../store/store.ts";
import type { SegmentCache } from "./segment-cache.ts";
import { decideSegments } from "./segment-decide.ts";
import { loadSegmentFacts, partitionFactsReader } from "./segment-facts-loader.ts";
import { membershipReads } from "./segment-membership-sql.ts";
import { writeSegmentChanges } from "./segment-membership-writes.ts";

/** Customers whose segments a batch decides again, by workspace. */
export type Touched = Map<string, Set<string>>;

/** Adds a customer to the ones a batch decides again. */
export function touch(touched: Touched, workspaceId: string, customerId: string): void {
  const set = touched.get(workspaceId);
  if (set) set.add(customerId);
  else touched.set(workspaceId, new Set([customerId]));
}

/** Membership events change no rule (rules do not read them), so deciding again on them only costs. */
export function touchesSegments(eventName: string): boolean {
  return eventName !== SEGMENT_ENTERED && eventName !== SEGMENT_LEFT;
}

/**
 * The segment step of a partition batch, after its events and timers ran and were written (so profile updates and
 * journey moves of this batch are read back): the customers touched and those whose recheck is due are decided
 * again, and the changes are written in the same transaction. Announced changes store `$segment.entered` /
 * `$segment.left` events in the queue: the next pass starts and exits journeys on them, like on any event.
 * Returns how many memberships changed and whether the rechecks filled their share (more may be due now).
 */
export async function decideTouched(
  tx: PartitionTx,
  cache: SegmentCache,
  locked: number[],
  partitions: number,
  now: number,
  touched: Touched,
  limit: number,
): Promise<{ changes: number; rechecks: number; full: boolean }> {
  if (cache.all().size === 0) return { changes: 0, rechecks: 0, full: false };
  const due = await membershipReads(tx.sql, locked).dueRechecks(now, limit);
  for (const r of due) if (cache.of(r.workspaceId)) touch(touched, r.workspaceId, r.customerId);
  let changes = 0;
  const reader = partitionFactsReader(tx);
  for (const [workspaceId, customers] of touched) {
    const segments = cache.of(workspaceId);
    if (!segments || customers.size === 0) continue;
    const facts = await loadSegmentFacts(reader, workspaceId, [...customers], segments.needs, now);
    const built = new Map(segments.ordered.map((s) => [s.id, s]));
    const decisions = decideSegments(workspaceId, segments, facts, now, {
      announce: true,
      // Decided here once its build covered the customer's partition; until then the build answers for them.
      decides: (segmentId, customerId) => {
        const s = built.get(segmentId)!;
        return s.builtVersion >= s.version || partitionOf(workspaceId, customerId, partitions) < s.builtPartitions;
      },
    });
    await writeSegmentChanges(tx.sql, partitions, decisions.changes, decisions.rechecks);
    changes += decisions.changes.length;
  }
  // A due recheck whose segment is gone (deleted, or its workspace has none left) is cleared, not fired forever.
  const orphans = due
    .filter((r) => !cache.of(r.workspaceId)?.ordered.some((s) => s.id === r.segmentId))
    .map((r) => ({ ...r, at: null }));
  if (orphans.length > 0) await writeSegmentChanges(tx.sql, partitions, [], orphans);
  return { changes, rechecks: due.length, full: due.length >= limit * Math.max(1, locked.length) };
}
