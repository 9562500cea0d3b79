import { durationMs, SCHEDULE_EVENT } from "@overture/core";
import { segmentMemberIds } from "../segments/segment-membership-sql.ts";
import type { Store } from "../store/store.ts";
import type { VersionCache } from "./version-cache.ts";

/** Customers covered per schedule page; a run resumes from its cursor after a crash. */
const PAGE = 1_000;

/**
 * Fires schedule triggers: for each due run, stores one `$schedule` event per customer of the workspace, or of the
 * segment the trigger names (ids derived from the run, so a page written twice is accepted once). The engine then
 * enters them like any event.
 */
export async function fireSchedules(store: Store, versions: VersionCache, now: number): Promise<number> {
  let stored = 0;
  for (const live of versions.allActive()) {
    const version = await versions.get(live.workspaceId, live.journeyId, live.currentVersion);
    for (const trigger of version?.triggers ?? []) {
      if (trigger.trigger.type !== "schedule") continue;
      const run = await store.claimScheduleRun(
        live.workspaceId,
        live.journeyId,
        trigger.id,
        durationMs(trigger.trigger.every),
        now,
      );
      if (!run) continue;
      // Everyone, or a segment's members (issue 14), paged in customer order through the same cursor.
      const audience = trigger.trigger.audience;
      const ids =
        audience && audience !== "all-customers"
          ? await segmentMemberIds(store.sql, live.workspaceId, audience.segmentId, run.cursor, PAGE)
          : await store.customerIdsAfter(live.workspaceId, run.cursor, PAGE);
      if (ids.length > 0) {
        stored += await store.insertEvents(
          ids.map((customerId) => ({
            workspaceId: live.workspaceId,
            id: `${SCHEDULE_EVENT}:${live.journeyId}:${trigger.id}:${run.runAt}:${customerId}`,
            name: SCHEDULE_EVENT,
            customerId,
            properties: { journeyId: live.journeyId, stepId: trigger.id, runAt: run.runAt },
            at: run.runAt,
            receivedAt: now,
          })),
        );
      }
      await store.saveScheduleCursor(
        live.workspaceId,
        live.journeyId,
        trigger.id,
        ids.length < PAGE ? null : (ids[ids.length - 1] as string),
      );
    }
  }
  return stored;
}
