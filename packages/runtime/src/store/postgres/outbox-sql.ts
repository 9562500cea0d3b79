import type { OutboxResult } from "../store.ts";

/**
 * Records a dispatcher's results in one statement: retries go back to pending with their next attempt (a deferred row
 * also gives its attempt back); sent, dead and skipped rows are finished and each leaves a delivery fact, in the order
 * the results came.
 */
export const completeOutboxSql = `
WITH x AS (
  SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (seq bigint, status text, next_attempt_at bigint, error text, detail jsonb, at bigint))
    WITH ORDINALITY AS x(seq, status, next_attempt_at, error, detail, at, n)),
retried AS (
  UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = x.next_attempt_at, last_error = x.error,
    attempts = CASE WHEN x.status = 'deferred' THEN greatest(outbox.attempts - 1, 0) ELSE outbox.attempts END
  FROM x WHERE x.status IN ('pending', 'deferred') AND outbox.seq = x.seq),
finished AS (
  UPDATE outbox SET status = x.status, lease_until = NULL, last_error = x.error
  FROM x WHERE x.status IN ('sent', 'dead', 'skipped') AND outbox.seq = x.seq
  RETURNING outbox.workspace_id, outbox.key, outbox.channel, outbox.customer_id, x.status, x.detail, x.at, x.n)
INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at)
SELECT workspace_id, key, channel, customer_id, status, coalesce(detail, 'null'), at FROM finished ORDER BY n`;

/** The parameter of completeOutboxSql: one row per result (a sent row's detail, a dead row's error, as the delivery fact). */
export function completionRows(results: OutboxResult[]): string {
  return JSON.stringify(
    results.map((r) =>
      r.status === "pending"
        ? { seq: r.seq, status: r.status, next_attempt_at: r.nextAttemptAt, error: r.error }
        : r.status === "sent"
          ? // A null detail reads as SQL NULL; the insert stores it back as JSON null, as SQLite does.
            { seq: r.seq, status: r.status, detail: r.detail ?? null, at: r.at }
          : r.status === "dead"
            ? { seq: r.seq, status: r.status, error: r.error, detail: { error: r.error }, at: r.at }
            : r.status === "deferred"
              ? { seq: r.seq, status: r.status, next_attempt_at: r.nextAttemptAt, error: r.reason }
              : { seq: r.seq, status: r.status, error: r.reason, detail: { reason: r.reason }, at: r.at },
    ),
  );
}
