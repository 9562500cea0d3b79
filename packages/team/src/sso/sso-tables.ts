import type { SqlMigration } from "@overture/runtime";

/**
 * Single sign-on's tables. `sso_logins` holds each started login (by its state) until the provider sends the browser
 * back, in the database rather than in a process's memory so that any API process can finish it. `user_identities`
 * links a provider's account (issuer + subject, which never changes, unlike an email) to a user.
 */
export const SSO_MIGRATIONS: SqlMigration[] = [
  {
    id: "sso_0001_logins_identities",
    sqlite: `
CREATE TABLE sso_logins (
  state TEXT PRIMARY KEY, code_verifier TEXT NOT NULL, nonce TEXT NOT NULL, return_to TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);
CREATE TABLE user_identities (
  issuer TEXT NOT NULL, subject TEXT NOT NULL, user_id TEXT NOT NULL, email TEXT, created_at INTEGER NOT NULL,
  last_sign_in_at INTEGER NOT NULL, PRIMARY KEY (issuer, subject));
CREATE INDEX user_identities_user ON user_identities (user_id);`,
    postgres: `
CREATE TABLE sso_logins (
  state text COLLATE "C" PRIMARY KEY, code_verifier text NOT NULL, nonce text NOT NULL, return_to text NOT NULL,
  created_at bigint NOT NULL, expires_at bigint NOT NULL);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);
CREATE TABLE user_identities (
  issuer text COLLATE "C" NOT NULL, subject text COLLATE "C" NOT NULL, user_id text COLLATE "C" NOT NULL, email text,
  created_at bigint NOT NULL, last_sign_in_at bigint NOT NULL, PRIMARY KEY (issuer, subject));
CREATE INDEX user_identities_user ON user_identities (user_id);`,
  },
];
