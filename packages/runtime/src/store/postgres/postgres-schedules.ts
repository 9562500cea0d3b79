import type pg from "pg";

type Row = Record<string, unknown>;
type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
type Query = (text: string, values?: unknown[]) => Promise<Row[]>;

/**
 * Claims the due run of a scheduled step (Store.claimScheduleRun): the run in progress if there is one, else the due
 * one, moving `next_run_at` past `now`. The row is locked, so two workers never start the same run.
 */
export function claimScheduleRun(
  transaction: Transaction,
  key: { workspaceId: string; journeyId: string; stepId: string },
  everyMs: number,
  now: number,
) {
  const { workspaceId, journeyId, stepId } = key;
  return transaction(async (client) => {
    await client.query(
      "INSERT INTO schedules (workspace_id, journey_id, step_id, next_run_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
      [workspaceId, journeyId, stepId, now],
    );
    const { rows } = await client.query(
      "SELECT next_run_at, run_at, cursor FROM schedules WHERE workspace_id = $1 AND journey_id = $2 AND step_id = $3 FOR UPDATE",
      [workspaceId, journeyId, stepId],
    );
    const row = rows[0] as Row;
    if (row.run_at !== null) return { runAt: Number(row.run_at), cursor: String(row.cursor ?? "") };
    const due = Number(row.next_run_at);
    if (due > now) return null;
    // Runs missed while nobody was running are skipped, not replayed one after another.
    const next = due + Math.max(1, Math.ceil((now - due + 1) / everyMs)) * everyMs;
    await client.query(
      "UPDATE schedules SET run_at = $1, cursor = '', next_run_at = $2 WHERE workspace_id = $3 AND journey_id = $4 AND step_id = $5",
      [due, next, workspaceId, journeyId, stepId],
    );
    return { runAt: due, cursor: "" };
  });
}

/** Saves how far a scheduled run got (Store.saveScheduleCursor); null ends the run. */
export async function saveScheduleCursor(
  query: Query,
  key: { workspaceId: string; journeyId: string; stepId: string },
  cursor: string | null,
): Promise<void> {
  await query(
    `UPDATE schedules SET cursor = $1${cursor === null ? ", run_at = NULL" : ""} WHERE workspace_id = $2 AND journey_id = $3 AND step_id = $4`,
    [cursor, key.workspaceId, key.journeyId, key.stepId],
  );
}
