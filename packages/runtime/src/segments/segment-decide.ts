import type { SegmentFacts } from "@overture/core";
import { evaluateSegment } from "@overture/core";
import type { WorkspaceSegments } from "./segment-cache.ts";
import type { SegmentChange, SegmentRecheck } from "./segment-ports.ts";

export type Decisions = { changes: SegmentChange[]; rechecks: SegmentRecheck[] };

/**
 * Decides the workspace's dynamic segments for each customer, in dependency order: a segment that reads another sees
 * the decision just made for it. Only the differences from the current memberships become changes; every decided
 * segment sets (or clears) its recheck. `decides` leaves out segments whose membership is not built yet where the
 * customer lives (a build in progress answers for them, without announcing).
 */
export function decideSegments(
  workspaceId: string,
  segments: WorkspaceSegments,
  facts: Map<string, SegmentFacts>,
  now: number,
  options: { announce: boolean; decides(segmentId: string, customerId: string): boolean },
): Decisions {
  const out: Decisions = { changes: [], rechecks: [] };
  for (const [customerId, f] of facts) {
    const current = new Set(f.segments);
    for (const segment of segments.ordered) {
      if (!options.decides(segment.id, customerId)) continue;
      const verdict = evaluateSegment(segment.rule, { ...f, segments: current }, now);
      const was = current.has(segment.id);
      if (verdict.member !== was) {
        if (verdict.member) current.add(segment.id);
        else current.delete(segment.id);
        out.changes.push({
          workspaceId,
          segmentId: segment.id,
          customerId,
          member: verdict.member,
          at: now,
          announce: options.announce,
        });
      }
      // A time already past would fire at once and decide the same again: only a later one is a timer.
      const at = verdict.recheckAt !== null && verdict.recheckAt > now ? verdict.recheckAt : null;
      out.rechecks.push({ workspaceId, segmentId: segment.id, customerId, at });
    }
  }
  return out;
}
