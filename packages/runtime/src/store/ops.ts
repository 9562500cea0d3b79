import type { OutboxStatus } from "./store.ts";

/** Every outbox status, in the order health answers and metrics list them. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["pending", "sending", "sent", "dead", "skipped"];

/** Rows of `status, n` as counted by a store, with every status present (0 when absent). */
export function countsByStatus(rows: Array<{ status: unknown; n: unknown }>): Record<OutboxStatus, number> {
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const row of rows)
    if (Object.hasOwn(counts, String(row.status))) counts[row.status as OutboxStatus] = Number(row.n);
  return counts;
}

/** The lag at `now` of work due since each of `times` (null: nothing due there): the longest wait, never negative. */
export function lagOf(now: number, times: Array<number | null | undefined>): number {
  let lag = 0;
  for (const t of times) if (t !== null && t !== undefined && t <= now) lag = Math.max(lag, now - t);
  return lag;
}
