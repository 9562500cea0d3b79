import { QUARANTINE_REASON } from "../outbox-redrive.ts";
import type { OutboxResult } from "../store.ts";
import { rollupCtes } from "./postgres-rollups.ts";

/**
 * Leases due rows in one statement ($1 lease end, $2 now, $3 limit, $4 max crashes; $5 only these channels, $6 all
 * but these, each null for no filter). SKIP LOCKED: concurrent
 * dispatchers each take other rows instead of queueing on the same ones. A row whose lease ran out is claimed again
 * as a crash; at its last allowed crash it is dead-lettered as quarantined (with a delivery fact) and not returned.
 */
export const claimOutboxSql = `
WITH due AS (
  SELECT seq, status = 'sending' AND crashes + 1 >= $4 AS poisoned FROM outbox
  WHERE status IN ('pending', 'sending') AND next_attempt_at <= $2 AND (status = 'pending' OR lease_until <= $2)
    AND ($5::text[] IS NULL OR channel = ANY($5::text[])) AND ($6::text[] IS NULL OR channel <> ALL($6::text[]))
  ORDER BY next_attempt_at, seq LIMIT $3
  FOR UPDATE SKIP LOCKED),
quarantined AS (
  UPDATE outbox SET status = 'dead', lease_until = NULL, dead_at = $2, crashes = crashes + 1, last_error = ${QUARANTINE_REASON}
  FROM due WHERE due.poisoned AND outbox.seq = due.seq
  RETURNING outbox.workspace_id, outbox.key, outbox.channel, outbox.customer_id, outbox.last_error),
facts AS (
  INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at)
  SELECT workspace_id, key, channel, customer_id, 'dead', jsonb_build_object('error', last_error), $2 FROM quarantined)
UPDATE outbox SET status = 'sending', attempts = attempts + 1, crashes = crashes + CASE WHEN outbox.status = 'sending' THEN 1 ELSE 0 END,
  lease_until = $1, first_attempt_at = coalesce(first_attempt_at, $2)
FROM due WHERE NOT due.poisoned AND outbox.seq = due.seq
RETURNING outbox.*`;

/**
 * Records a dispatcher's results in one statement, on rows still claimed (one quarantined meanwhile stays dead):
 * retries go back to pending with their next attempt (a deferred row also gives its attempt back, and its retry
 * window's start moves on by `hold`); sent, dead and skipped rows are finished and each leaves a delivery fact, in the order
 * the results came.
 */
export const completeOutboxSql = `
WITH x AS (
  SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (seq bigint, status text, next_attempt_at bigint, error text, detail jsonb, at bigint, hold bigint))
    WITH ORDINALITY AS x(seq, status, next_attempt_at, error, detail, at, hold, n)),
retried AS (
  UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = x.next_attempt_at, last_error = x.error,
    attempts = CASE WHEN x.status = 'deferred' THEN greatest(outbox.attempts - 1, 0) ELSE outbox.attempts END,
    first_attempt_at = CASE WHEN x.status <> 'deferred' THEN outbox.first_attempt_at WHEN outbox.attempts <= 1 THEN NULL
      ELSE outbox.first_attempt_at + coalesce(x.hold, 0) END
  FROM x WHERE x.status IN ('pending', 'deferred') AND outbox.seq = x.seq AND outbox.status = 'sending'),
finished AS (
  UPDATE outbox SET status = x.status, lease_until = NULL, last_error = x.error, dead_at = CASE WHEN x.status = 'dead' THEN x.at END
  FROM x WHERE x.status IN ('sent', 'dead', 'skipped') AND outbox.seq = x.seq AND outbox.status = 'sending'
  RETURNING outbox.workspace_id, outbox.key, outbox.channel, outbox.customer_id, x.status, x.detail, x.at, x.n),
-- The reports' counters of these results ($2, $3: see postgres-rollups.ts), in the same statement as the facts.
${rollupCtes("$2", "$3::int")}
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
              ? {
                  seq: r.seq,
                  status: r.status,
                  next_attempt_at: r.nextAttemptAt,
                  error: r.reason,
                  hold: r.holdWindowMs ?? 0,
                }
              : { seq: r.seq, status: r.status, error: r.reason, detail: { reason: r.reason }, at: r.at },
    ),
  );
}
