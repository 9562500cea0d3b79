import { randomBytes } from "node:crypto";
import { type Clock, InputError, type SqlRunner } from "@overture/runtime";
import { type AccountMailer, editorLink, type PublicUrl, passwordResetEmail } from "./account-mail.ts";
import { checkNewPassword } from "./password.ts";
import { hashToken } from "./sessions.ts";
import { findUserByEmail } from "./users.ts";
import { membershipsOf } from "./workspace-members.ts";

/** How long a reset link works: one hour, and once. */
export const RESET_MS = 60 * 60 * 1000;

/** What the resets need of their surroundings. */
export type ResetDeps = {
  sql: () => Promise<SqlRunner>;
  clock: Clock;
  mailer?: AccountMailer | undefined;
  publicUrl?: PublicUrl | undefined;
};

/**
 * Password resets by an emailed link `<public url>/#/reset-password/<token>`: valid one hour, single use, stored as the
 * token's hash. Asking never says whether the email has an account, and the email is sent after the answer, so the
 * answer's timing does not tell either.
 */
export function createPasswordResets(deps: ResetDeps) {
  const { sql, clock } = deps;
  return {
    /** Starts a reset when the email has an account; resolves once the link is stored. `sent` settles with the email. */
    async request(email: string): Promise<{ sent: Promise<boolean> }> {
      const db = await sql();
      const user = await findUserByEmail(db, email);
      if (!user || !deps.mailer || !deps.publicUrl) return { sent: Promise.resolve(false) };
      const token = randomBytes(32).toString("base64url");
      const now = clock.now();
      await db.run("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)", [
        hashToken(token),
        user.id,
        now,
        now + RESET_MS,
      ]);
      const message = passwordResetEmail({ to: user.email, link: editorLink(deps.publicUrl, "reset-password", token) });
      // Tagged with the user's first workspace, so the demo's mailbox (one workspace's messages) shows it.
      const [first] = await membershipsOf(db, user.id);
      const sent = deps.mailer.send({ ...message, ...(first ? { workspaceId: first.workspaceId } : {}) }).then(
        () => true,
        () => false,
      );
      return { sent };
    },
    /**
     * Uses a reset token: the user it was issued for. InputError `reset_expired` (410) for an unknown, used or expired
     * one; `invalid_password` before the token is spent, so a too-short password can be fixed with the same link.
     */
    async consume(token: string, password: string): Promise<string> {
      checkNewPassword(password);
      const db = await sql();
      const now = clock.now();
      const [row] = await db.all<{ user_id: string }>(
        "SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        [hashToken(token), now],
      );
      // Single use even under two concurrent requests: only the one whose update changed the row goes on.
      const spent =
        row &&
        (await db.run("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", [
          now,
          hashToken(token),
        ])) > 0;
      if (!row || !spent) {
        throw new InputError("reset_expired", "This reset link is expired or was used; ask for a new one.", [
          { path: "body.token", code: "reset_expired", message: "unknown, used or expired reset link" },
        ]);
      }
      // Other links still in flight for the account stop working too.
      await db.run("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", [now, row.user_id]);
      return row.user_id;
    },
  };
}

/** The password resets port. */
export type PasswordResets = ReturnType<typeof createPasswordResets>;
