import type { SqlRunner, Store } from "@overture/runtime";
import { NOTIFICATION_CHANNEL, type NotificationFeed, notificationFeed } from "./notification-feed.ts";
import {
  NOTIFICATION_COLUMNS,
  notificationFromRow,
  type PortalNotification,
  type SequencedNotification,
} from "./notifications.ts";

/** A notification to store: read and dismissed come later, from the customer. */
export type NewNotification = Omit<PortalNotification, "readAt" | "dismissedAt">;

/** One notification's answer: as stored (the first insert's, for a redelivery), and whether this insert added it. */
export type InsertedNotification = { notification: SequencedNotification; created: boolean };

/**
 * Adds a notification; a second insert with the same id (a redelivery) keeps the first. Returns it and whether it is
 * new. A new one wakes its customer's live streams: at once in this process (`options.feed`, default the process's),
 * and through NOTIFY in every process on PostgreSQL. (Many at once: {@link insertNotifications}.)
 */
export async function insertNotification(
  store: Store,
  workspaceId: string,
  n: NewNotification,
  options: { feed?: NotificationFeed } = {},
): Promise<InsertedNotification> {
  const [result] = await insertNotifications(store, workspaceId, [n], options);
  if (!result) throw new Error(`notification ${n.id} was neither stored nor found`);
  return result;
}

/**
 * Adds many notifications of one workspace in one statement, each as {@link insertNotification} would (an id already
 * stored keeps its first version and wakes no one); answers in the order given. The live feed is told of the new
 * ones once they are stored.
 */
export async function insertNotifications(
  store: Store,
  workspaceId: string,
  list: readonly NewNotification[],
  options: { feed?: NotificationFeed } = {},
): Promise<InsertedNotification[]> {
  if (list.length === 0) return [];
  const rows = JSON.stringify(
    list.map((n) => ({
      id: n.id,
      customer_id: n.customerId,
      title: n.title,
      body: n.body,
      link: n.link,
      created_at: n.createdAt,
      expires_at: n.expiresAt,
    })),
  );
  const added = (
    store.sql.dialect === "postgres"
      ? await store.sql.all(POSTGRES_INSERT, [workspaceId, rows, workspaceId])
      : await store.sql.all(SQLITE_INSERT, [workspaceId, rows])
  ).map(notificationFromRow);
  const found = new Map(added.map((n) => [n.id, n]));
  const missing = list.filter((n) => !found.has(n.id)).map((n) => n.id);
  // Redeliveries: what the first delivery stored.
  if (missing.length > 0) for (const n of await stored(store.sql, workspaceId, missing)) found.set(n.id, n);
  const feed = options.feed ?? notificationFeed;
  const created = new Set<string>();
  for (const n of added.sort((a, b) => a.seq - b.seq)) {
    created.add(n.id);
    feed.publish(workspaceId, n);
  }
  return list.map((n) => {
    const notification = found.get(n.id);
    if (!notification) throw new Error(`notification ${n.id} was neither stored nor found`);
    // The same id twice in one call: the first of them is the new one.
    const isNew = created.delete(n.id);
    return { notification, created: isNew };
  });
}

const INSERT_INTO =
  "INSERT INTO portal_notifications (workspace_id, id, customer_id, title, body, link, created_at, expires_at)";

/** The rows as one JSON array: one statement text whatever their number, prepared once. */
const SQLITE_INSERT = `${INSERT_INTO}
  SELECT ?, json_extract(value, '$.id'), json_extract(value, '$.customer_id'), json_extract(value, '$.title'),
         json_extract(value, '$.body'), json_extract(value, '$.link'), json_extract(value, '$.created_at'),
         json_extract(value, '$.expires_at')
  FROM json_each(?) WHERE true
  ON CONFLICT (workspace_id, id) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`;

/**
 * On PostgreSQL the same statement tells every process listening (their live streams), only of the new rows, and only
 * once it commits: another host's dispatcher wakes this host's streams without any of them polling.
 */
const POSTGRES_INSERT = `WITH added AS (${INSERT_INTO}
  SELECT ?, id, customer_id, title, body, link, created_at, expires_at
  FROM jsonb_to_recordset(?::jsonb) AS x(id text, customer_id text, title text, body text, link text, created_at bigint, expires_at bigint)
  ON CONFLICT (workspace_id, id) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS})
SELECT ${NOTIFICATION_COLUMNS}, pg_notify('${NOTIFICATION_CHANNEL}', json_build_object('schema', current_schema(), 'workspaceId', ?::text, 'customerId', customer_id)::text) FROM added`;

async function stored(sql: SqlRunner, workspaceId: string, ids: string[]): Promise<SequencedNotification[]> {
  const rows =
    sql.dialect === "postgres"
      ? await sql.all(
          `SELECT ${NOTIFICATION_COLUMNS} FROM portal_notifications WHERE workspace_id = ? AND id = ANY(?::text[])`,
          [workspaceId, ids],
        )
      : await sql.all(
          `SELECT ${NOTIFICATION_COLUMNS} FROM portal_notifications WHERE workspace_id = ? AND id IN (SELECT value FROM json_each(?))`,
          [workspaceId, JSON.stringify(ids)],
        );
  return rows.map(notificationFromRow);
}
