import { randomUUID } from "node:crypto";
import { InputError, type SqlRunner } from "@overture/runtime";
import { checkNewPassword, hashPassword } from "./password.ts";

/** A person who signs in. The password hash never leaves this folder. */
export type User = { id: string; email: string; name: string; createdAt: number; hasPassword: boolean };

type UserRow = { id: string; email: string; name: string; password_hash: string | null; created_at: number | string };

/** Emails compare without case or surrounding spaces: Ann@Example.com and ann@example.com are one person. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const userOf = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: Number(row.created_at),
  hasPassword: row.password_hash !== null,
});

/** Creates a user; throws InputError("email_taken") when the email has an account already. No password: SSO only. */
export async function insertUser(
  sql: SqlRunner,
  input: { email: string; name?: string; password?: string },
  now: number,
): Promise<User> {
  const email = normalizeEmail(input.email);
  if (input.password !== undefined) checkNewPassword(input.password);
  if (await findUserRow(sql, email)) {
    throw new InputError("email_taken", `${email} has an account already; sign in, or reset its password.`, [
      { path: "body.email", code: "email_taken", message: email },
    ]);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const id = randomUUID();
  const name = input.name?.trim() || email.split("@")[0] || email;
  await sql.run(
    "INSERT INTO users (id, email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    [id, email, name, passwordHash, now, now],
  );
  return { id, email, name, createdAt: now, hasPassword: passwordHash !== null };
}

/** The user row with its password hash, by email; for sign-in only. */
export async function findUserRow(sql: SqlRunner, email: string): Promise<UserRow | undefined> {
  const [row] = await sql.all<UserRow>("SELECT id, email, name, password_hash, created_at FROM users WHERE email = ?", [
    normalizeEmail(email),
  ]);
  return row;
}

/** A user by email, or null. */
export async function findUserByEmail(sql: SqlRunner, email: string): Promise<User | null> {
  const row = await findUserRow(sql, email);
  return row ? userOf(row) : null;
}

/** A user by id, or null. */
export async function getUser(sql: SqlRunner, id: string): Promise<User | null> {
  const [row] = await sql.all<UserRow>("SELECT id, email, name, password_hash, created_at FROM users WHERE id = ?", [
    id,
  ]);
  return row ? userOf(row) : null;
}

/** Sets a user's password (checked against the rules first). */
export async function setPassword(sql: SqlRunner, userId: string, password: string, now: number): Promise<void> {
  checkNewPassword(password);
  await sql.run("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", [
    await hashPassword(password),
    now,
    userId,
  ]);
}

/** How many users there are (none: the first-run screen is shown). */
export async function countUsers(sql: SqlRunner): Promise<number> {
  const [row] = await sql.all<{ n: number | string }>("SELECT count(*) AS n FROM users");
  return Number(row?.n ?? 0);
}
