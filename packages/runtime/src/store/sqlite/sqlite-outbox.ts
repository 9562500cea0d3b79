import { outboxFromRow } from "../rows.ts";
import type { OutboxResult, OutboxRow, OutboxStatus } from "../store.ts";
import type { SqliteStore } from "./sqlite-store.ts";

type Row = Record<string, unknown>;

/** The outbox on SQLite: leasing due rows to dispatchers, recording how each send ended, listing a workspace's rows. */

export async function claimOutbox(store: SqliteStore, now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  return store.exclusive(() => {
    const rows = store.db
      .prepare(
        `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?
         WHERE seq IN (SELECT seq FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? AND (status = 'pending' OR lease_until <= ?) ORDER BY next_attempt_at, seq LIMIT ?)
         RETURNING *`,
      )
      .all(now + leaseMs, now, now, limit) as Row[];
    return rows.map(outboxFromRow).sort((a, b) => a.seq - b.seq);
  });
}

export async function completeOutbox(store: SqliteStore, results: OutboxResult[]): Promise<void> {
  await store.exclusive(() => {
    const sent = store.stmt(
      "UPDATE outbox SET status = 'sent', lease_until = NULL, last_error = NULL WHERE seq = ? RETURNING workspace_id, key, channel, customer_id",
    );
    const retry = store.stmt("UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ?, last_error = ? WHERE seq = ?");
    const dead = store.stmt(
      "UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = ? WHERE seq = ? RETURNING workspace_id, key, channel, customer_id",
    );
    const defer = store.stmt(
      "UPDATE outbox SET status = 'pending', lease_until = NULL, next_attempt_at = ?, last_error = ?, attempts = max(attempts - 1, 0) WHERE seq = ?",
    );
    const skipped = store.stmt(
      "UPDATE outbox SET status = 'skipped', lease_until = NULL, last_error = ? WHERE seq = ? RETURNING workspace_id, key, channel, customer_id",
    );
    const fact = store.stmt("INSERT INTO deliveries (workspace_id, outbox_key, channel, customer_id, status, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    store.db.transaction(() => {
      for (const r of results) {
        if (r.status === "pending") {
          retry.run(r.nextAttemptAt, r.error, r.seq);
          continue;
        }
        if (r.status === "deferred") {
          defer.run(r.nextAttemptAt, r.reason, r.seq);
          continue;
        }
        const finished = r.status === "sent" ? sent.get(r.seq) : r.status === "dead" ? dead.get(r.error, r.seq) : skipped.get(r.reason, r.seq);
        const row = finished as Row | undefined;
        if (!row) continue;
        const detail = r.status === "sent" ? r.detail : r.status === "dead" ? { error: r.error } : { reason: r.reason };
        fact.run(row.workspace_id, row.key, row.channel, row.customer_id, r.status, JSON.stringify(detail ?? null), r.at);
      }
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
    : (store.stmt(`SELECT * FROM outbox o WHERE o.workspace_id = ?${status} ORDER BY o.seq LIMIT ?`).all(workspaceId, ...tail) as Row[]);
  return rows.map(outboxFromRow);
}
