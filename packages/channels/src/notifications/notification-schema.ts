import type { SqlMigration, Store } from "@overture/runtime";

/** The portal inbox. `seq` orders notifications across hosts for the live stream's poll. */
export const NOTIFICATION_MIGRATIONS: SqlMigration[] = [
  {
    id: "notifications_0001",
    sqlite: `
CREATE TABLE portal_notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL, link TEXT, created_at INTEGER NOT NULL, expires_at INTEGER,
  read_at INTEGER, dismissed_at INTEGER, UNIQUE (workspace_id, id));
CREATE INDEX portal_notifications_customer ON portal_notifications (workspace_id, customer_id, seq);`,
    postgres: `
CREATE TABLE portal_notifications (
  seq BIGSERIAL PRIMARY KEY, workspace_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL, link TEXT, created_at BIGINT NOT NULL, expires_at BIGINT,
  read_at BIGINT, dismissed_at BIGINT, UNIQUE (workspace_id, id));
CREATE INDEX portal_notifications_customer ON portal_notifications (workspace_id, customer_id, seq);`,
  },
];

/** Creates the inbox table when missing; call at start-up. */
export async function ensureNotificationSchema(store: Store): Promise<void> {
  await store.sql.migrate(NOTIFICATION_MIGRATIONS);
}
