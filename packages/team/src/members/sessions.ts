import { createHash, randomBytes } from "node:crypto";
import type { SqlRunner } from "@overture/runtime";
import type { User } from "./users.ts";

/** How long a session lasts after sign-in: 14 days, then sign in again. */
export const SESSION_MS = 14 * 24 * 60 * 60 * 1000;

/** A session as the browser holds it: the cookie's token, and the CSRF token its unsafe requests must echo. */
export type NewSession = { token: string; csrfToken: string; expiresAt: number };

/** A session found by its token, with its user. */
export type ActiveSession = { user: User; csrfToken: string; expiresAt: number; tokenHash: string };

/** Sessions are stored by the SHA-256 of their token: a leaked table holds no cookie anyone could use. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Opens a session for the user; the answer's token goes in the cookie and is never stored. */
export async function insertSession(
  sql: SqlRunner,
  userId: string,
  meta: { now: number; ip?: string; userAgent?: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = meta.now + SESSION_MS;
  await sql.run(
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [hashToken(token), userId, csrfToken, meta.now, expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 512) ?? null],
  );
  return { token, csrfToken, expiresAt };
}

/** The live session of a token with its user, or null (unknown, expired, or signed out). */
export async function findSession(sql: SqlRunner, token: string, now: number): Promise<ActiveSession | null> {
  const tokenHash = hashToken(token);
  const [row] = await sql.all<{
    csrf_token: string;
    expires_at: unknown;
    id: string;
    email: string;
    name: string;
    password_hash: string | null;
    created_at: unknown;
  }>(
    `SELECT s.csrf_token, s.expires_at, u.id, u.email, u.name, u.password_hash, u.created_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
    [tokenHash, now],
  );
  if (!row) return null;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    expiresAt: Number(row.expires_at),
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: Number(row.created_at),
      hasPassword: row.password_hash !== null,
    },
  };
}

/** Signs one session out. */
export async function deleteSession(sql: SqlRunner, token: string): Promise<void> {
  await sql.run("DELETE FROM sessions WHERE token_hash = ?", [hashToken(token)]);
}

/** Signs a user out everywhere (after a password change too); answers how many sessions ended. */
export async function deleteSessionsOf(sql: SqlRunner, userId: string): Promise<number> {
  return sql.run("DELETE FROM sessions WHERE user_id = ?", [userId]);
}
