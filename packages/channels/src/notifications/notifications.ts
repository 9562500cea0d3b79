import { InputError, type Store } from "@overture/runtime";
import { num, numOrNull } from "../content/rows.ts";
import { NOTIFICATION_CHANNEL, type NotificationFeed, notificationFeed } from "./notification-feed.ts";

/** One notification in a customer's portal inbox. */
export type PortalNotification = {
  id: string;
  customerId: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: number;
  expiresAt: number | null;
  readAt: number | null;
  dismissedAt: number | null;
};

/** A notification with its position in the table's order (the live stream polls by it). */
export type SequencedNotification = PortalNotification & { seq: number };

const NOTIFY_SQL = `pg_notify('${NOTIFICATION_CHANNEL}', json_build_object('schema', current_schema(), 'workspaceId', ?::text, 'customerId', customer_id)::text)`;

const COLUMNS = "seq, id, customer_id, title, body, link, created_at, expires_at, read_at, dismissed_at";

function fromRow(r: Record<string, unknown>): SequencedNotification {
  return {
    seq: num(r.seq),
    id: r.id as string,
    customerId: r.customer_id as string,
    title: r.title as string,
    body: r.body as string,
    link: (r.link as string | null) ?? null,
    createdAt: num(r.created_at),
    expiresAt: numOrNull(r.expires_at),
    readAt: numOrNull(r.read_at),
    dismissedAt: numOrNull(r.dismissed_at),
  };
}

/** Drops the internal `seq`. */
export function publicNotification({ seq: _seq, ...n }: SequencedNotification): PortalNotification {
  return n;
}

/**
 * Adds a notification; a second insert with the same id (a redelivery) keeps the first. Returns it and whether it is
 * new. A new one wakes its customer's live streams: at once in this process (`options.feed`, default the process's),
 * and through NOTIFY in every process on PostgreSQL.
 */
export async function insertNotification(
  store: Store,
  workspaceId: string,
  n: Omit<PortalNotification, "readAt" | "dismissedAt">,
  options: { feed?: NotificationFeed } = {},
): Promise<{ notification: SequencedNotification; created: boolean }> {
  const insert = `INSERT INTO portal_notifications (workspace_id, id, customer_id, title, body, link, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, id) DO NOTHING`;
  const values = [workspaceId, n.id, n.customerId, n.title, n.body, n.link, n.createdAt, n.expiresAt];
  // On PostgreSQL the same statement tells every process listening (their live streams), only if the row is new, and
  // only once it commits: another host's dispatcher wakes this host's streams without any of them polling.
  const created =
    store.sql.dialect === "postgres"
      ? await store.sql.run(`WITH added AS (${insert} RETURNING customer_id) SELECT ${NOTIFY_SQL} FROM added`, [
          ...values,
          workspaceId,
        ])
      : await store.sql.run(insert, values);
  const rows = await store.sql.all(`SELECT ${COLUMNS} FROM portal_notifications WHERE workspace_id = ? AND id = ?`, [
    workspaceId,
    n.id,
  ]);
  const notification = fromRow(rows[0] as Record<string, unknown>);
  if (created > 0) (options.feed ?? notificationFeed).publish(workspaceId, notification);
  return { notification, created: created > 0 };
}

/** The customer's inbox at `now`: unexpired, not dismissed, newest first (at most `limit`), and how many are unread. */
export async function listNotifications(
  store: Store,
  workspaceId: string,
  customerId: string,
  now: number,
  limit = 50,
): Promise<{ notifications: PortalNotification[]; unread: number }> {
  const rows = await store.sql.all(
    `SELECT ${COLUMNS} FROM portal_notifications
      WHERE workspace_id = ? AND customer_id = ? AND dismissed_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
      ORDER BY seq DESC LIMIT ?`,
    [workspaceId, customerId, now, limit],
  );
  const counted = await store.sql.all<{ n: unknown }>(
    `SELECT COUNT(*) AS n FROM portal_notifications
      WHERE workspace_id = ? AND customer_id = ? AND dismissed_at IS NULL AND read_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
    [workspaceId, customerId, now],
  );
  return { notifications: rows.map((r) => publicNotification(fromRow(r))), unread: num(counted[0]?.n ?? 0) };
}

/** The customer's notifications stored after `afterSeq`, oldest first: what a live stream has not shown yet. */
export async function notificationsAfter(
  store: Store,
  workspaceId: string,
  customerId: string,
  afterSeq: number,
  limit = 100,
): Promise<SequencedNotification[]> {
  const rows = await store.sql.all(
    `SELECT ${COLUMNS} FROM portal_notifications WHERE workspace_id = ? AND customer_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    [workspaceId, customerId, afterSeq, limit],
  );
  return rows.map(fromRow);
}

/** The highest seq of the customer's notifications (0 when none): where a new live stream starts. */
export async function lastNotificationSeq(store: Store, workspaceId: string, customerId: string): Promise<number> {
  const rows = await store.sql.all<{ m: unknown }>(
    "SELECT MAX(seq) AS m FROM portal_notifications WHERE workspace_id = ? AND customer_id = ?",
    [workspaceId, customerId],
  );
  return numOrNull(rows[0]?.m) ?? 0;
}

/**
 * Marks one of the customer's notifications read or dismissed (the first time counts; repeating is harmless).
 * InputError("not_found") when the customer has no such notification.
 */
export async function markNotification(
  store: Store,
  workspaceId: string,
  customerId: string,
  id: string,
  mark: "read" | "dismissed",
  now: number,
): Promise<PortalNotification> {
  const column = mark === "read" ? "read_at" : "dismissed_at";
  await store.sql.run(
    `UPDATE portal_notifications SET ${column} = COALESCE(${column}, ?) WHERE workspace_id = ? AND customer_id = ? AND id = ?`,
    [now, workspaceId, customerId, id],
  );
  const rows = await store.sql.all(
    `SELECT ${COLUMNS} FROM portal_notifications WHERE workspace_id = ? AND customer_id = ? AND id = ?`,
    [workspaceId, customerId, id],
  );
  if (!rows[0]) {
    throw new InputError("not_found", `No notification '${id}' in this customer's inbox.`, [
      { path: "id", code: "not_found", message: `no notification '${id}'` },
    ]);
  }
  return publicNotification(fromRow(rows[0]));
}
