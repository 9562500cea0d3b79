import type { SqlMigration, Store } from "@overture/runtime";

/** The content library's tables: items, and one row per content view (deduplicated by the event's id). */
export const CONTENT_MIGRATIONS: SqlMigration[] = [
  {
    id: "content_0001",
    sqlite: `
CREATE TABLE content_items (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, url TEXT NOT NULL, type TEXT NOT NULL,
  topics TEXT NOT NULL, body TEXT, image_url TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id));
CREATE TABLE content_views (
  workspace_id TEXT NOT NULL, event_id TEXT NOT NULL, customer_id TEXT NOT NULL, content_id TEXT NOT NULL,
  dwell_ms INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (workspace_id, event_id));
CREATE INDEX content_views_customer ON content_views (workspace_id, customer_id);
CREATE INDEX content_views_item ON content_views (workspace_id, content_id);`,
    postgres: `
CREATE TABLE content_items (
  workspace_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, url TEXT NOT NULL, type TEXT NOT NULL,
  topics JSONB NOT NULL, body TEXT, image_url TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id));
CREATE TABLE content_views (
  workspace_id TEXT NOT NULL, event_id TEXT NOT NULL, customer_id TEXT NOT NULL, content_id TEXT NOT NULL,
  dwell_ms BIGINT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (workspace_id, event_id));
CREATE INDEX content_views_customer ON content_views (workspace_id, customer_id);
CREATE INDEX content_views_item ON content_views (workspace_id, content_id);`,
  },
];

/** Creates the content library's tables when missing; call at start-up. */
export async function ensureContentSchema(store: Store): Promise<void> {
  await store.sql.migrate(CONTENT_MIGRATIONS);
}
