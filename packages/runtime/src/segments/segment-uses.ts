import { type SegmentMention, segmentMentions, segmentsInRule } from "@overture/core";
import type { Problem } from "../errors.ts";
import type { Store } from "../store/store.ts";
import type { SegmentRow } from "./segment-rows.ts";
import type { SegmentUse } from "./segment-types.ts";

/** What needs a segment: journeys (draft or live) that name it, and live uses that forbid deleting it. */
export type SegmentUses = {
  /** Journeys (not archived) whose draft or current version names the segment. */
  usedBy(segmentId: string): SegmentUse[];
  /** Why the segment cannot be deleted now: live journeys' current versions and other segments' rules naming it. */
  blockers(segmentId: string): Problem[];
};

type LiveMention = SegmentMention & { journeyId: string; name: string; version: number };

/** Reads the workspace's journeys (drafts and current versions) and segments once, for many segments' uses. */
export async function loadSegmentUses(store: Store, workspaceId: string, segments: SegmentRow[]): Promise<SegmentUses> {
  const used = new Map<string, Map<string, SegmentUse>>();
  const live: LiveMention[] = [];
  for (const journey of await store.listJourneys(workspaceId)) {
    if (journey.status === "archived") continue;
    const use = { journeyId: journey.id, name: journey.name, status: journey.status };
    const mentions = segmentMentions(journey.draft);
    if (journey.currentVersion !== null) {
      const version = await store.getVersion(workspaceId, journey.id, journey.currentVersion);
      const published = segmentMentions(version?.document);
      mentions.push(...published);
      // A paused journey may be resumed: its version still needs the segment. A draft never blocks a delete.
      if (journey.status === "active" || journey.status === "paused")
        for (const m of published)
          live.push({ ...m, journeyId: journey.id, name: journey.name, version: journey.currentVersion });
    }
    for (const m of mentions) {
      const byJourney = used.get(m.segmentId) ?? new Map<string, SegmentUse>();
      byJourney.set(journey.id, use);
      used.set(m.segmentId, byJourney);
    }
  }
  return {
    usedBy: (segmentId) => [...(used.get(segmentId)?.values() ?? [])],
    blockers: (segmentId) => [
      ...live
        .filter((m) => m.segmentId === segmentId)
        .map((m) => ({
          path: "",
          code: "segment_in_use",
          message: `journey '${m.name}' (${m.journeyId}) version ${m.version}: ${HOW[m.how]}`,
          ...(m.stepId ? { stepId: m.stepId } : {}),
        })),
      ...segments
        .filter((s) => s.id !== segmentId && s.deletedAt === null && segmentsInRule(s.rule).includes(segmentId))
        .map((s) => ({
          path: "",
          code: "segment_in_use",
          message: `segment '${s.name}' (${s.id}): its rule includes this segment`,
        })),
    ],
  };
}

const HOW: Record<SegmentMention["how"], string> = {
  trigger: "its trigger starts on it",
  "schedule-audience": "its schedule enters its members",
  "branch-arm": "a branch arm tests it",
  "exit-criterion": "customers leave the journey when they leave it",
};
