import { z } from "zod";
import { PERMISSIONS, type Permission, ROLES } from "./access.ts";
import { named } from "./registry.ts";

/** A member's role in a workspace. */
export const RoleSchema = z.enum(ROLES);

const PermissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);
const Email = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .pipe(z.email({ error: "an email address" }));
const Password = z.string().min(1).max(256);
const Name = z.string().trim().min(1).max(200);

/** Someone who signs in. */
export const UserSchema = named(
  "User",
  z.object({ id: z.string(), email: z.string(), name: z.string(), hasPassword: z.boolean() }),
);

/** A workspace as one of its members sees it: its name and their role in it. */
export const WorkspaceMembershipSchema = named(
  "WorkspaceMembership",
  z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
);

/**
 * GET /v1/session (and what signing in answers): who is signed in, their workspaces, the workspace the request acts
 * in (X-Overture-Workspace, else their first; null in none yet), the CSRF token unsafe requests must echo in
 * X-CSRF-Token, and the permissions the current role holds (the editor hides what the member may not do).
 */
export const SessionSchema = named(
  "Session",
  z.object({
    user: UserSchema,
    workspaces: z.array(WorkspaceMembershipSchema),
    workspace: WorkspaceMembershipSchema.nullable(),
    csrfToken: z.string(),
    permissions: z.array(PermissionSchema),
    expiresAt: z.number().int(),
  }),
);

/** POST /v1/session. */
export const SignInInput = z.object({ email: Email, password: Password });

/** DELETE /v1/session and DELETE /v1/sessions: how many sessions ended. */
export const SignedOutSchema = z.object({ signedOut: z.literal(true), sessions: z.number().int() });

/** GET /v1/setup: true while no user exists (the editor shows the first-run screen). */
export const SetupStatusSchema = z.object({ needed: z.boolean() });

/** POST /v1/setup: the first user, owner of the default workspace. */
export const SetupInput = z.object({ email: Email, name: Name, password: Password });

/** GET /v1/workspaces. */
export const WorkspaceListSchema = z.object({ workspaces: z.array(WorkspaceMembershipSchema) });

/** POST /v1/workspaces. */
export const CreateWorkspaceInput = z.object({ name: Name });

/** A member of a workspace. */
export const MemberSchema = named(
  "Member",
  z.object({ userId: z.string(), email: z.string(), name: z.string(), role: RoleSchema, joinedAt: z.number().int() }),
);

/** GET /v1/members. */
export const MemberListSchema = z.object({ members: z.array(MemberSchema) });

/** PUT /v1/members/:userId. */
export const UpdateMemberInput = z.object({ role: RoleSchema });

/** DELETE /v1/members/:userId. */
export const MemberRemovedSchema = z.object({ userId: z.string(), removed: z.literal(true) });

/** POST /v1/invitations. */
export const InvitationInput = z.object({ email: Email, role: RoleSchema });

/** A pending invitation (the token is only ever in the email). */
export const InvitationSchema = named(
  "Invitation",
  z.object({
    id: z.string(),
    workspaceId: z.string(),
    email: z.string(),
    role: RoleSchema,
    invitedBy: z.string().describe("Who invited: a name, or an email."),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    emailed: z
      .boolean()
      .describe("False when the email could not be sent (email not configured): invite again once it is."),
  }),
);

/** GET /v1/invitations. */
export const InvitationListSchema = z.object({ invitations: z.array(InvitationSchema) });

/** DELETE /v1/invitations/:id. */
export const InvitationRevokedSchema = z.object({ id: z.string(), revoked: z.literal(true) });

/** GET /v1/invitations/:token: what the invitation page shows before accepting. */
export const InvitationPreviewSchema = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: z.number().int(),
  expired: z.boolean(),
  hasAccount: z.boolean().describe("True when the email has an account: sign in as it, then accept."),
});

/** POST /v1/invitations/:token/accept: name and password create the account when the email has none. */
export const AcceptInvitationInput = z.object({ name: Name.optional(), password: Password.optional() });

/** POST /v1/password-resets. */
export const PasswordResetRequestInput = z.object({ email: Email });

/** The same answer whether the email has an account or not (no account enumeration). */
export const PasswordResetRequestedSchema = z.object({ requested: z.literal(true) });

/** POST /v1/password-resets/confirm. */
export const ResetPasswordInput = z.object({ token: z.string().min(1).max(200), password: Password });
