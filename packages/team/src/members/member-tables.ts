import type { SqlMigration } from "@overture/runtime";

/**
 * The members' tables, numbered for `store.sql.migrate`: people who sign in (users), their sessions, and their role
 * in each workspace. Sessions are keyed by the hash of their token: the database never holds a usable cookie.
 */
export const MEMBER_MIGRATIONS: SqlMigration[] = [
  {
    id: "members_0001_users_sessions",
    sqlite: `
CREATE TABLE users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, ip TEXT, user_agent TEXT);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE workspace_members (
  workspace_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id));
CREATE INDEX workspace_members_user ON workspace_members (user_id);`,
    postgres: `
CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, password_hash text,
  created_at bigint NOT NULL, updated_at bigint NOT NULL);
CREATE TABLE sessions (
  token_hash text COLLATE "C" PRIMARY KEY, user_id text COLLATE "C" NOT NULL, csrf_token text NOT NULL,
  created_at bigint NOT NULL, expires_at bigint NOT NULL, ip text, user_agent text);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE workspace_members (
  workspace_id text COLLATE "C" NOT NULL, user_id text COLLATE "C" NOT NULL, role text NOT NULL,
  created_at bigint NOT NULL, PRIMARY KEY (workspace_id, user_id));
CREATE INDEX workspace_members_user ON workspace_members (user_id);`,
  },
  {
    // Invitations and password resets are found by the hash of the token their email carries, like sessions.
    id: "members_0002_invitations_resets",
    sqlite: `
CREATE TABLE invitations (
  id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, workspace_id TEXT NOT NULL, email TEXT NOT NULL,
  role TEXT NOT NULL, invited_by TEXT NOT NULL, emailed INTEGER NOT NULL, created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, accepted_at INTEGER, revoked_at INTEGER);
CREATE INDEX invitations_workspace ON invitations (workspace_id);
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  used_at INTEGER);
CREATE INDEX password_resets_user ON password_resets (user_id);`,
    postgres: `
CREATE TABLE invitations (
  id text COLLATE "C" PRIMARY KEY, token_hash text COLLATE "C" NOT NULL UNIQUE, workspace_id text COLLATE "C" NOT NULL,
  email text NOT NULL, role text NOT NULL, invited_by text NOT NULL, emailed integer NOT NULL,
  created_at bigint NOT NULL, expires_at bigint NOT NULL, accepted_at bigint, revoked_at bigint);
CREATE INDEX invitations_workspace ON invitations (workspace_id);
CREATE TABLE password_resets (
  token_hash text COLLATE "C" PRIMARY KEY, user_id text COLLATE "C" NOT NULL, created_at bigint NOT NULL,
  expires_at bigint NOT NULL, used_at bigint);
CREATE INDEX password_resets_user ON password_resets (user_id);`,
  },
];
