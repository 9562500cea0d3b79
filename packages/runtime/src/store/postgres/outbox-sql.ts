import type { OutboxResult } from "../store.ts";

/**
 * Records a dispatcher's results in one statement: retries go back to pending with their next attempt; sent and
 * dead rows are finished and each leaves a delivery fact, in the order the results came.
 */
export const completeOutboxSql = `
WITH x AS (
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[])
    WITH ORDINALITY AS x(seq, status, next_attempt_at, error, detail, at, n)),
retried AS (
  UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = x.next_attempt_at, last_error = x.error
  FROM x WHERE x.status = 'pending' AND outbox.seq = x.seq),
finished AS (
  UPDATE outbox SET status = x.status, lease_until = NULL, last_error = x.error
  FROM x WHERE x.status IN ('sent', 'dead') AND outbox.seq = x.seq
  RETURNING outbox.workspace_id, outbox.key, outbox.channel, outbox.customer_id, x.status, x.detail, x.at, x.n)
INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at)
SELECT workspace_id, key, channel, customer_id, status, detail::jsonb, at FROM finished ORDER BY n`;

/** The parameters of completeOutboxSql: seq, status, next attempt, error, delivery detail (JSON text), time. */
export function completionColumns(results: OutboxResult[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 6 }, () => []);
  for (const r of results) {
    const row =
      r.status === "pending"
        ? [r.seq, r.status, r.nextAttemptAt, r.error, null, null]
        : r.status === "sent"
          ? [r.seq, r.status, null, null, JSON.stringify(r.detail ?? null), r.at]
          : [r.seq, r.status, null, r.error, JSON.stringify({ error: r.error }), r.at];
    for (let c = 0; c < row.length; c++) cols[c]!.push(row[c]);
  }
  return cols;
}
