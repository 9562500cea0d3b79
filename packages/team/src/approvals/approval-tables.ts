import type { SqlMigration } from "@overture/runtime";

/**
 * The approvals' tables, numbered for `store.sql.migrate` and applied on first use: the workspace's setting, and the
 * review requests with the snapshot of the draft each asked about (JSON text, published as it is on approval).
 */
export const APPROVAL_MIGRATIONS: SqlMigration[] = [
  {
    id: "approvals_0001_settings",
    sqlite:
      "CREATE TABLE approval_settings (workspace_id TEXT PRIMARY KEY, required INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
    postgres: `CREATE TABLE approval_settings (workspace_id text COLLATE "C" PRIMARY KEY, required integer NOT NULL, updated_at bigint NOT NULL)`,
  },
  {
    id: "approvals_0002_requests",
    sqlite: `CREATE TABLE approval_requests (
      workspace_id TEXT NOT NULL, id TEXT NOT NULL, journey_id TEXT NOT NULL, journey_name TEXT NOT NULL,
      status TEXT NOT NULL, note TEXT NOT NULL, snapshot TEXT NOT NULL, base_version INTEGER,
      requested_by TEXT NOT NULL, requested_at INTEGER NOT NULL,
      decided_by TEXT, decided_at INTEGER, comment TEXT NOT NULL, published_version INTEGER,
      PRIMARY KEY (workspace_id, id));
      CREATE INDEX approval_requests_journey ON approval_requests (workspace_id, journey_id, requested_at)`,
    postgres: `CREATE TABLE approval_requests (
      workspace_id text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, journey_id text COLLATE "C" NOT NULL,
      journey_name text NOT NULL, status text NOT NULL, note text NOT NULL, snapshot text NOT NULL, base_version integer,
      requested_by text NOT NULL, requested_at bigint NOT NULL,
      decided_by text, decided_at bigint, comment text NOT NULL, published_version integer,
      PRIMARY KEY (workspace_id, id));
      CREATE INDEX approval_requests_journey ON approval_requests (workspace_id, journey_id, requested_at)`,
  },
];
