import type { SqlMigration } from "@overture/runtime";

/**
 * The audit log's tables (issue 13): `audit_log`, append-only (no UPDATE; rows leave only by retention), numbered by
 * `seq` so pages are stable while entries are added; and `audit_settings`, each workspace's retention.
 */
export const AUDIT_MIGRATIONS: SqlMigration[] = [
  {
    id: "audit_0001_log",
    sqlite: `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, workspace_id TEXT NOT NULL, at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, action TEXT NOT NULL,
  object_type TEXT, object_id TEXT, diff TEXT, detail TEXT, outcome TEXT NOT NULL, status INTEGER NOT NULL,
  operation_id TEXT NOT NULL, ip TEXT NOT NULL, user_agent TEXT NOT NULL);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_settings (workspace_id TEXT PRIMARY KEY, retention_days INTEGER NOT NULL, updated_at INTEGER NOT NULL);
`,
    postgres: `
CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, workspace_id text COLLATE "C" NOT NULL, at bigint NOT NULL,
  actor_kind text NOT NULL, actor_id text NOT NULL, actor_name text NOT NULL, action text NOT NULL,
  object_type text, object_id text, diff jsonb, detail jsonb, outcome text NOT NULL, status integer NOT NULL,
  operation_id text NOT NULL, ip text NOT NULL, user_agent text NOT NULL);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_settings (workspace_id text COLLATE "C" PRIMARY KEY, retention_days bigint NOT NULL, updated_at bigint NOT NULL);
`,
  },
];
