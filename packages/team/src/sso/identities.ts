import type { SqlRunner } from "@overture/runtime";

/** The user a provider's account (issuer + subject) is linked to, or null. */
export async function userOfIdentity(sql: SqlRunner, issuer: string, subject: string): Promise<string | null> {
  const [row] = await sql.all<{ user_id: string }>(
    "SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?",
    [issuer, subject],
  );
  return row?.user_id ?? null;
}

/** Links a provider's account to a user (first sign-in), or notes the time of a returning one. */
export async function linkIdentity(
  sql: SqlRunner,
  identity: { issuer: string; subject: string; userId: string; email: string | null },
  now: number,
): Promise<void> {
  const updated = await sql.run(
    "UPDATE user_identities SET last_sign_in_at = ?, email = ? WHERE issuer = ? AND subject = ? AND user_id = ?",
    [now, identity.email, identity.issuer, identity.subject, identity.userId],
  );
  if (updated > 0) return;
  await sql.run(
    "INSERT INTO user_identities (issuer, subject, user_id, email, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?)",
    [identity.issuer, identity.subject, identity.userId, identity.email, now, now],
  );
}
