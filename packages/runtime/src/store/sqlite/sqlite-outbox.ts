import { DEFAULT_MAX_CRASHES, QUARANTINE_REASON } from "../outbox-redrive.ts";
import type { Rollup } from "../report-rollups.ts";
import { outboxFromRow } from "../rows.ts";
import type { ClaimChannels, ClaimOptions, OutboxResult, OutboxRow, OutboxStatus } from "../store.ts";
import { writeRollups } from "./sqlite-rollups.ts";
import type { SqliteStore } from "./sqlite-store.ts";

type Row = Record<string, unknown>;

/** The outbox on SQLite: leasing due rows to dispatchers, recording how each send ended, listing a workspace's rows. */

/** Rows due at `now`: pending ones whose time has come, and claimed ones whose lease ran out. */
/** The due rows' query, of the channels asked for: `only` reads the channel's own index (outbox_due_channel). */
function due(channels: ClaimChannels | undefined): { sql: string; params: string[] } {
  const list = channels && "only" in channels ? channels.only : (channels?.except ?? []);
  const marks = list.map(() => "?").join(", ");
  const filter =
    list.length === 0
      ? ""
      : channels && "only" in channels
        ? ` AND channel IN (${marks})`
        : ` AND channel NOT IN (${marks})`;
  return {
    sql: `SELECT seq FROM outbox WHERE status IN ('pending', 'sending')${filter} AND next_attempt_at <= ? AND (status = 'pending' OR lease_until <= ?)
  ORDER BY next_attempt_at, seq LIMIT ?`,
    params: list,
  };
}

export async function claimOutbox(
  store: SqliteStore,
  now: number,
  limit: number,
  leaseMs: number,
  options: ClaimOptions = {},
): Promise<OutboxRow[]> {
  const maxCrashes = options.maxCrashes ?? DEFAULT_MAX_CRASHES;
  const DUE = due(options.channels);
  return store.exclusive(() =>
    store.db.transaction(() => {
      // A row whose lease ran out for the last time it may is not handed out again: its delivery kills or hangs us.
      const quarantined = store
        .stmt(
          `UPDATE outbox SET status = 'dead', lease_until = NULL, dead_at = ?, crashes = crashes + 1, last_error = ${QUARANTINE_REASON}
           WHERE seq IN (${DUE.sql}) AND status = 'sending' AND crashes + 1 >= ? RETURNING workspace_id, key, channel, customer_id, last_error`,
        )
        .all(now, ...DUE.params, now, now, limit, maxCrashes) as Row[];
      const fact = store.stmt(
        "INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at) VALUES (?, ?, ?, ?, 'dead', ?, ?)",
      );
      for (const q of quarantined)
        fact.run(q.workspace_id, q.key, q.channel, q.customer_id, JSON.stringify({ error: q.last_error }), now);
      const rows = store
        .stmt(
          `UPDATE outbox SET status = 'sending', attempts = attempts + 1, crashes = crashes + CASE WHEN status = 'sending' THEN 1 ELSE 0 END,
             lease_until = ?, first_attempt_at = coalesce(first_attempt_at, ?)
           WHERE seq IN (${DUE.sql}) RETURNING *`,
        )
        .all(now + leaseMs, now, ...DUE.params, now, now, limit) as Row[];
      return rows.map(outboxFromRow).sort((a, b) => a.seq - b.seq);
    })(),
  );
}

export async function completeOutbox(store: SqliteStore, results: OutboxResult[], rollups?: Rollup[]): Promise<void> {
  await store.exclusive(() => {
    const retry = store.stmt(
      "UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ?, last_error = ? WHERE seq = ? AND status = 'sending'",
    );
    const dead = store.stmt(
      "UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = ?, dead_at = ? WHERE seq = ? AND status = 'sending' RETURNING workspace_id, key, channel, customer_id",
    );
    // A deferred row gives its attempt back; back at no attempt, its retry window has not started either.
    const defer = store.stmt(
      `UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ?, last_error = ?, attempts = max(attempts - 1, 0),
         first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at + ? END WHERE seq = ? AND status = 'sending'`,
    );
    const skipped = store.stmt(
      "UPDATE outbox SET status = 'skipped', lease_until = NULL, last_error = ? WHERE seq = ? AND status = 'sending' RETURNING workspace_id, key, channel, customer_id",
    );
    const fact = store.stmt(
      "INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    // Only rows still claimed: one quarantined meanwhile (its lease ran out) stays dead. The sent rows, the most of
    // any batch, in one statement rather than one each (issue 16).
    const sent = store.stmt(
      "UPDATE outbox SET status = 'sent', lease_until = NULL, last_error = NULL WHERE seq IN (SELECT value FROM json_each(?)) AND status = 'sending' RETURNING seq, workspace_id, key, channel, customer_id",
    );
    store.db.transaction(() => {
      const sentSeqs = results.filter((r) => r.status === "sent").map((r) => r.seq);
      const sentRows = new Map<number, Row>();
      if (sentSeqs.length > 0)
        for (const row of sent.all(JSON.stringify(sentSeqs)) as Row[]) sentRows.set(Number(row.seq), row);
      for (const r of results) {
        if (r.status === "pending") {
          retry.run(r.nextAttemptAt, r.error, r.seq);
          continue;
        }
        if (r.status === "deferred") {
          defer.run(r.nextAttemptAt, r.reason, r.holdWindowMs ?? 0, r.seq);
          continue;
        }
        const finished =
          r.status === "sent"
            ? sentRows.get(r.seq)
            : r.status === "dead"
              ? dead.get(r.error, r.at, r.seq)
              : skipped.get(r.reason, r.seq);
        const row = finished as Row | undefined;
        if (!row) continue;
        const detail = r.status === "sent" ? r.detail : r.status === "dead" ? { error: r.error } : { reason: r.reason };
        fact.run(
          row.workspace_id,
          row.key,
          row.channel,
          row.customer_id,
          r.status,
          JSON.stringify(detail ?? null),
          r.at,
        );
      }
      writeRollups(store.db, rollups);
    })();
  });
}

export async function outboxOf(
  store: SqliteStore,
  workspaceId: string,
  filter: { customerId?: string; status?: OutboxStatus; limit?: number },
): Promise<OutboxRow[]> {
  const status = filter.status ? " AND o.status = ?" : "";
  const tail = [...(filter.status ? [filter.status] : []), filter.limit ?? 1000];
  // A customer's rows through their instances (outbox rows are keyed by instance): no index by customer to keep up.
  const rows = filter.customerId
    ? (store
        .stmt(
          `SELECT o.* FROM instances i JOIN outbox o ON o.instance_iid = i.iid
         WHERE i.workspace_id = ? AND i.customer_id = ? AND o.customer_id = ?${status} ORDER BY o.seq LIMIT ?`,
        )
        .all(workspaceId, filter.customerId, filter.customerId, ...tail) as Row[])
    : (store
        .stmt(`SELECT * FROM outbox o WHERE o.workspace_id = ?${status} ORDER BY o.seq LIMIT ?`)
        .all(workspaceId, ...tail) as Row[]);
  return rows.map(outboxFromRow);
}
