import type { SqliteStore } from "./sqlite-store.ts";

type Row = Record<string, unknown>;
type ScheduleKey = { workspaceId: string; journeyId: string; stepId: string };

/**
 * Claims the due run of a scheduled step (Store.claimScheduleRun): the run in progress if there is one, else the due
 * one, moving `next_run_at` past `now`. One writer at a time (the store's exclusive section), so two passes never
 * start the same run.
 */
export function claimScheduleRun(
  store: SqliteStore,
  key: ScheduleKey,
  everyMs: number,
  now: number,
): Promise<{ runAt: number; cursor: string } | null> {
  const { workspaceId, journeyId, stepId } = key;
  return store.exclusive(() =>
    store.db.transaction(() => {
      store
        .stmt(
          "INSERT INTO schedules (workspace_id, journey_id, step_id, next_run_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .run(workspaceId, journeyId, stepId, now);
      const row = store
        .stmt(
          "SELECT next_run_at, run_at, cursor FROM schedules WHERE workspace_id = ? AND journey_id = ? AND step_id = ?",
        )
        .get(workspaceId, journeyId, stepId) as Row;
      if (row.run_at !== null) return { runAt: Number(row.run_at), cursor: String(row.cursor ?? "") };
      const due = Number(row.next_run_at);
      if (due > now) return null;
      // Runs missed while nobody was running are skipped, not replayed one after another.
      const next = due + Math.max(1, Math.ceil((now - due + 1) / everyMs)) * everyMs;
      store
        .stmt(
          "UPDATE schedules SET run_at = ?, cursor = '', next_run_at = ? WHERE workspace_id = ? AND journey_id = ? AND step_id = ?",
        )
        .run(due, next, workspaceId, journeyId, stepId);
      return { runAt: due, cursor: "" };
    })(),
  );
}

/** Saves how far a scheduled run got (Store.saveScheduleCursor); null ends the run. */
export async function saveScheduleCursor(store: SqliteStore, key: ScheduleKey, cursor: string | null): Promise<void> {
  const { workspaceId, journeyId, stepId } = key;
  await store.exclusive(() =>
    store
      .stmt(
        `UPDATE schedules SET cursor = ?${cursor === null ? ", run_at = NULL" : ""} WHERE workspace_id = ? AND journey_id = ? AND step_id = ?`,
      )
      .run(cursor, workspaceId, journeyId, stepId),
  );
}
