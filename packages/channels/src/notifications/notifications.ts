import { InputError, type Store } from "@overture/runtime";
import { num, numOrNull } from "../content/rows.ts";

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

/** The columns a notification is read back with. */
export const NOTIFICATION_COLUMNS =
  "seq, id, customer_id, title, body, link, created_at, expires_at, read_at, dismissed_at";
const COLUMNS = NOTIFICATION_COLUMNS;

/** A row of portal_notifications as a notification. */
export function notificationFromRow(r: Record<string, unknown>): SequencedNotification {
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
const fromRow = notificationFromRow;

/** Drops the internal `seq`. */
export function publicNotification({ seq: _seq, ...n }: SequencedNotification): PortalNotification {
  return n;
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
