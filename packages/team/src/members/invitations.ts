import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "@overture/api-contract";
import { type Clock, InputError, type SqlRunner } from "@overture/runtime";
import { type AccountMailer, editorLink, invitationEmail, type PublicUrl } from "./account-mail.ts";
import { hashToken } from "./sessions.ts";
import { normalizeEmail } from "./users.ts";

/** How long an invitation link works: 7 days. */
export const INVITATION_MS = 7 * 24 * 60 * 60 * 1000;

/** An invitation as the members screen lists it (its token only ever travels in the email). */
export type Invitation = {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  emailed: boolean;
};

/** An invitation found by its token, with what became of it. */
export type FoundInvitation = Invitation & { acceptedAt: number | null; revokedAt: number | null };

type Row = {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  invited_by: string;
  emailed: unknown;
  created_at: unknown;
  expires_at: unknown;
  accepted_at: unknown;
  revoked_at: unknown;
};

const COLUMNS = "id, workspace_id, email, role, invited_by, emailed, created_at, expires_at, accepted_at, revoked_at";
const orNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

const rowOf = (r: Row): FoundInvitation => ({
  id: r.id,
  workspaceId: r.workspace_id,
  email: r.email,
  role: r.role as Role,
  invitedBy: r.invited_by,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  emailed: Number(r.emailed) === 1,
  acceptedAt: orNull(r.accepted_at),
  revokedAt: orNull(r.revoked_at),
});

const public_ = ({ acceptedAt: _a, revokedAt: _r, ...invitation }: FoundInvitation): Invitation => invitation;

/** What the invitations need of their surroundings. */
export type InvitationDeps = {
  sql: () => Promise<SqlRunner>;
  clock: Clock;
  mailer?: AccountMailer | undefined;
  publicUrl?: PublicUrl | undefined;
  workspaceName(workspaceId: string): Promise<string>;
};

/**
 * Invitations to join a workspace with a role: an emailed link `<public url>/#/invitations/<token>` that works for 7
 * days and once; the database keeps the token's hash only. Inviting the same email again replaces the pending one.
 */
export function createInvitations(deps: InvitationDeps) {
  const { sql, clock } = deps;
  return {
    async create(input: { workspaceId: string; email: string; role: Role; invitedBy: string }): Promise<Invitation> {
      const db = await sql();
      const now = clock.now();
      const email = normalizeEmail(input.email);
      await db.run(
        "UPDATE invitations SET revoked_at = ? WHERE workspace_id = ? AND email = ? AND accepted_at IS NULL AND revoked_at IS NULL",
        [now, input.workspaceId, email],
      );
      const token = randomBytes(32).toString("base64url");
      const invitation: Invitation = {
        id: randomUUID(),
        workspaceId: input.workspaceId,
        email,
        role: input.role,
        invitedBy: input.invitedBy,
        createdAt: now,
        expiresAt: now + INVITATION_MS,
        emailed: false,
      };
      await db.run(
        `INSERT INTO invitations (id, token_hash, workspace_id, email, role, invited_by, emailed, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        [
          invitation.id,
          hashToken(token),
          invitation.workspaceId,
          email,
          invitation.role,
          invitation.invitedBy,
          now,
          invitation.expiresAt,
        ],
      );
      if (deps.mailer && deps.publicUrl) {
        // The invitation stands even when the email cannot go (no SMTP yet): the answer says so, and inviting again
        // once email works sends a fresh link.
        const message = invitationEmail({
          to: email,
          workspaceName: await deps.workspaceName(input.workspaceId),
          role: input.role,
          invitedBy: input.invitedBy,
          link: editorLink(deps.publicUrl, "invitations", token),
        });
        invitation.emailed = await deps.mailer.send({ ...message, workspaceId: input.workspaceId }).then(
          () => true,
          () => false,
        );
        if (invitation.emailed) await db.run("UPDATE invitations SET emailed = 1 WHERE id = ?", [invitation.id]);
      }
      return invitation;
    },
    /** The workspace's invitations not yet accepted, revoked or expired, newest first. */
    async listPending(workspaceId: string): Promise<Invitation[]> {
      const rows = await (await sql()).all<Row>(
        `SELECT ${COLUMNS} FROM invitations WHERE workspace_id = ? AND accepted_at IS NULL AND revoked_at IS NULL
         AND expires_at > ? ORDER BY created_at DESC, id`,
        [workspaceId, clock.now()],
      );
      return rows.map((row) => public_(rowOf(row)));
    },
    /** Revokes a pending invitation of the workspace; false when there is none with that id. */
    async revoke(workspaceId: string, id: string): Promise<boolean> {
      const changed = await (await sql()).run(
        "UPDATE invitations SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
        [clock.now(), id, workspaceId],
      );
      return changed > 0;
    },
    /** The invitation of a token whatever became of it; null for a token never issued. */
    async find(token: string): Promise<FoundInvitation | null> {
      const [row] = await (await sql()).all<Row>(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = ?`, [
        hashToken(token),
      ]);
      return row ? rowOf(row) : null;
    },
    /**
     * The usable invitation of a token: InputError `not_found` for a token never issued, `invitation_expired` for one
     * expired, revoked or already accepted.
     */
    async usable(token: string): Promise<FoundInvitation> {
      const found = await this.find(token);
      if (!found) {
        throw new InputError("not_found", "No such invitation; ask for a new one.", [
          { path: "params.token", code: "not_found", message: "unknown invitation" },
        ]);
      }
      if (found.acceptedAt !== null || found.revokedAt !== null || found.expiresAt <= clock.now()) {
        const why = found.acceptedAt !== null ? "used" : found.revokedAt !== null ? "revoked" : "expired";
        throw new InputError("invitation_expired", `This invitation was ${why}; ask for a new one.`, [
          { path: "params.token", code: why, message: `invitation ${why}` },
        ]);
      }
      return found;
    },
    /** Marks it accepted, once: false when another request accepted or revoked it first. */
    async markAccepted(id: string): Promise<boolean> {
      const changed = await (await sql()).run(
        "UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
        [clock.now(), id],
      );
      return changed > 0;
    },
  };
}

/** The invitations port. */
export type Invitations = ReturnType<typeof createInvitations>;
