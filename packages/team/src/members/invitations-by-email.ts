import type { Role } from "@overture/api-contract";
import type { Members } from "./members.ts";
import type { User } from "./users.ts";
import { normalizeEmail } from "./users.ts";

/**
 * Single sign-on's way in for someone invited (docs/decisions/0033): the pending invitations (not accepted, revoked
 * or expired) for an email the identity provider has verified are accepted, each spent once (`markAccepted`, so two
 * sign-ins at once cannot both use one), and the user is created without a password, a member of each invitation's
 * workspace with its role. Null when none is pending: nobody gets in uninvited. Only for an email with no user yet.
 */
export async function acceptInvitationsForEmail(
  members: Members,
  input: { email: string; name: string; now: number },
): Promise<User | null> {
  const email = normalizeEmail(input.email);
  const db = await members.sql();
  const pending = await db.all<{ id: string; workspace_id: string; role: string }>(
    `SELECT id, workspace_id, role FROM invitations
     WHERE email = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id`,
    [email, input.now],
  );
  const accepted: Array<{ workspaceId: string; role: Role }> = [];
  for (const invitation of pending) {
    if (await members.invitations.markAccepted(invitation.id)) {
      accepted.push({ workspaceId: invitation.workspace_id, role: invitation.role as Role });
    }
  }
  if (accepted.length === 0) return null;
  const user = await members.createUser({ email, name: input.name });
  for (const { workspaceId, role } of accepted) {
    if (!(await members.roleIn(workspaceId, user.id))) await members.putMember(workspaceId, user.id, role);
  }
  return user;
}
