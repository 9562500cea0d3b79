import { timingSafeEqual } from "node:crypto";
import {
  AcceptInvitationInput,
  actorOf,
  InvitationInput,
  InvitationListSchema,
  InvitationPreviewSchema,
  InvitationRevokedSchema,
  InvitationSchema,
  SessionSchema,
} from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import type { Context } from "hono";
import { defineRoute, type RouteDef } from "../route.ts";
import { assertMayTouchOwner } from "./member-routes.ts";
import { clientMeta, membersOf, sessionAnswer, sessionToken, setSessionCookie } from "./session-http.ts";

const tag = "Members";

function sameText(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signed-in session of a public request, checked for its CSRF token since it will act with it. */
async function signedIn(c: Context, members: ReturnType<typeof membersOf>) {
  const token = sessionToken(c);
  const session = token ? await members.session(token) : null;
  if (session && !sameText(c.req.header("x-csrf-token"), session.csrfToken)) {
    throw new InputError("forbidden", "Send the session's CSRF token in X-CSRF-Token (GET /v1/session has it).", [
      { path: "headers.x-csrf-token", code: "csrf", message: "missing or wrong CSRF token" },
    ]);
  }
  return session;
}

/** Invitations by email to join a workspace with a role: the link works 7 days, once. */
export const invitationRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/invitations",
    operationId: "createInvitation",
    summary: "Invite someone by email to join the workspace with a role",
    description:
      "Emails the link `<public url>/#/invitations/<token>` (valid 7 days). Only owners invite owners. Inviting the same email again replaces the pending invitation. `emailed` false: the email could not be sent.",
    tag,
    auth: "secret",
    body: InvitationInput,
    success: { status: 201, description: "The invitation (its token is only in the email).", schema: InvitationSchema },
    errors: [409],
    handle: async ({ overture, workspaceId, principal, body }) => {
      const members = membersOf(overture);
      assertMayTouchOwner(principal, body.role);
      const existing = await members.findUser(body.email);
      if (existing && (await members.roleIn(workspaceId, existing.id))) {
        throw new InputError("conflict", `${existing.email} is a member already; change their role instead.`, [
          { path: "body.email", code: "already_member", message: existing.email },
        ]);
      }
      const invitedBy = principal ? actorOf(principal).name : "Overture";
      return members.invitations.create({ workspaceId, email: body.email, role: body.role, invitedBy });
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/invitations",
    operationId: "listInvitations",
    summary: "Pending invitations (not accepted, revoked or expired), newest first",
    tag,
    auth: "secret",
    success: { status: 200, description: "The pending invitations.", schema: InvitationListSchema },
    handle: async ({ overture, workspaceId }) => ({
      invitations: await membersOf(overture).invitations.listPending(workspaceId),
    }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/invitations/:id",
    operationId: "revokeInvitation",
    summary: "Revoke a pending invitation (its link stops working)",
    tag,
    auth: "secret",
    success: { status: 200, description: "Revoked.", schema: InvitationRevokedSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) => {
      const id = params.id ?? "";
      if (!(await membersOf(overture).invitations.revoke(workspaceId, id))) {
        throw new InputError("not_found", `No pending invitation ${id}.`, [
          { path: "params.id", code: "not_found", message: id },
        ]);
      }
      return { id, revoked: true as const };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/invitations/:token",
    operationId: "getInvitation",
    summary: "What an invitation link is for (public: the token is the proof)",
    description: "404 for an unknown token; 410 `invitation_expired` once used or revoked; expired ones say `expired`.",
    tag,
    auth: "none",
    success: { status: 200, description: "The invitation.", schema: InvitationPreviewSchema },
    errors: [404, 410],
    handle: async ({ overture, params }) => {
      const members = membersOf(overture);
      const found = await members.invitations.find(params.token ?? "");
      const expired = found !== null && found.expiresAt <= overture.clock.now();
      // Unknown, used or revoked: `usable` throws the right answer (404 or 410).
      if (!found || found.acceptedAt !== null || found.revokedAt !== null) {
        await members.invitations.usable(params.token ?? "");
      }
      const invitation = found as NonNullable<typeof found>;
      const workspace = await overture.store?.getWorkspace(invitation.workspaceId);
      return {
        workspaceName: workspace?.name ?? invitation.workspaceId,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        expired,
        hasAccount: (await members.findUser(invitation.email)) !== null,
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/invitations/:token/accept",
    operationId: "acceptInvitation",
    summary: "Accept an invitation: join as the signed-in member, or create the invited account and sign in",
    description:
      "Signed in: only as the invited email (403 otherwise), with the CSRF token. Not signed in: `password` (and `name`) create the account; an email with an account must sign in first (401). 404 unknown token; 410 `invitation_expired` when expired, revoked or used.",
    tag,
    auth: "none",
    body: AcceptInvitationInput,
    success: { status: 200, description: "Signed in, a member of the workspace.", schema: SessionSchema },
    errors: [404, 409, 410],
    handle: async ({ overture, params, body, c }) => {
      const members = membersOf(overture);
      const current = await signedIn(c, members);
      const accepted = await members.acceptInvitation(
        params.token ?? "",
        { ...body, ...(current ? { userId: current.user.id } : {}) },
        clientMeta(c),
      );
      if (accepted.session) setSessionCookie(c, accepted.session.token);
      const session = accepted.session ?? (current as NonNullable<typeof current>);
      return sessionAnswer(c, members, accepted.user, session, accepted.workspaceId);
    },
  }),
];
