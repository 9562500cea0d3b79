import type { SqlMigration, Store } from "@overture/runtime";

/** Slots (named places with default content) and each customer's assignments to them. */
export const SLOT_MIGRATIONS: SqlMigration[] = [
  {
    id: "slots_0001",
    sqlite: `
CREATE TABLE slots (
  workspace_id TEXT NOT NULL, name TEXT NOT NULL, default_content_id TEXT, description TEXT NOT NULL,
  updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, name));
CREATE TABLE slot_assignments (
  workspace_id TEXT NOT NULL, customer_id TEXT NOT NULL, slot TEXT NOT NULL, content_id TEXT NOT NULL, until INTEGER,
  delivery_key TEXT NOT NULL, assigned_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, customer_id, slot));`,
    postgres: `
CREATE TABLE slots (
  workspace_id TEXT NOT NULL, name TEXT NOT NULL, default_content_id TEXT, description TEXT NOT NULL,
  updated_at BIGINT NOT NULL, PRIMARY KEY (workspace_id, name));
CREATE TABLE slot_assignments (
  workspace_id TEXT NOT NULL, customer_id TEXT NOT NULL, slot TEXT NOT NULL, content_id TEXT NOT NULL, until BIGINT,
  delivery_key TEXT NOT NULL, assigned_at BIGINT NOT NULL, PRIMARY KEY (workspace_id, customer_id, slot));`,
  },
];

/** Creates the slot tables when missing; call at start-up. */
export async function ensureSlotSchema(store: Store): Promise<void> {
  await store.sql.migrate(SLOT_MIGRATIONS);
}
