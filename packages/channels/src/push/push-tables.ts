import type { SqlMigration } from "@overture/runtime";

/**
 * The push channel's own tables, numbered for `store.sql.migrate`: the customers' browser subscriptions (one row per
 * endpoint: a browser profile subscribes once per site) and each workspace's VAPID key pair, its private key sealed.
 */
export const PUSH_MIGRATIONS: SqlMigration[] = [
  {
    id: "push_0001_subscriptions",
    sqlite: `CREATE TABLE push_subscriptions (
  workspace_id TEXT NOT NULL, endpoint TEXT NOT NULL, customer_id TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, endpoint));
CREATE INDEX push_subscriptions_customer ON push_subscriptions (workspace_id, customer_id)`,
    postgres: `CREATE TABLE push_subscriptions (
  workspace_id text COLLATE "C" NOT NULL, endpoint text COLLATE "C" NOT NULL, customer_id text COLLATE "C" NOT NULL,
  p256dh text NOT NULL, auth text NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL,
  PRIMARY KEY (workspace_id, endpoint));
CREATE INDEX push_subscriptions_customer ON push_subscriptions (workspace_id, customer_id)`,
  },
  {
    id: "push_0002_vapid_keys",
    sqlite: `CREATE TABLE push_vapid_keys (
  workspace_id TEXT NOT NULL PRIMARY KEY, public_key TEXT NOT NULL, private_key TEXT NOT NULL, created_at INTEGER NOT NULL)`,
    postgres: `CREATE TABLE push_vapid_keys (
  workspace_id text COLLATE "C" NOT NULL PRIMARY KEY, public_key text NOT NULL, private_key text NOT NULL,
  created_at bigint NOT NULL)`,
  },
];
