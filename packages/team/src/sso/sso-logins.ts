import type { SqlRunner } from "@overture/runtime";

/** How long a started login waits for the provider to send the browser back: 10 minutes. */
export const SSO_LOGIN_MS = 10 * 60 * 1000;

/** A started login: what the callback must check the provider's answer against. */
export type PendingLogin = { state: string; codeVerifier: string; nonce: string; returnTo: string };

/** Keeps a started login; expired ones are swept on the way, so the table stays small without a job. */
export async function insertLogin(sql: SqlRunner, login: PendingLogin, now: number): Promise<void> {
  await sql.run("DELETE FROM sso_logins WHERE expires_at <= ?", [now]);
  await sql.run(
    "INSERT INTO sso_logins (state, code_verifier, nonce, return_to, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    [login.state, login.codeVerifier, login.nonce, login.returnTo, now, now + SSO_LOGIN_MS],
  );
}

/**
 * Takes a started login by its state, once: the row is deleted, and only the caller whose delete removed it gets it
 * (two processes racing on one replayed callback cannot both win). Unknown, used or expired: null.
 */
export async function takeLogin(sql: SqlRunner, state: string, now: number): Promise<PendingLogin | null> {
  const [row] = await sql.all<{ code_verifier: string; nonce: string; return_to: string; expires_at: unknown }>(
    "SELECT code_verifier, nonce, return_to, expires_at FROM sso_logins WHERE state = ?",
    [state],
  );
  if (!row) return null;
  const removed = await sql.run("DELETE FROM sso_logins WHERE state = ?", [state]);
  if (removed !== 1 || Number(row.expires_at) <= now) return null;
  return { state, codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
}
