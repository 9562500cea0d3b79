import {
  type ApiKeySchema,
  type AuditEntrySchema,
  type CreatedKeySchema,
  contract,
  type KeyScope,
  type ResponseOf,
} from "@overture/api-contract";
import type { z } from "zod";
import { ApiError, call, request } from "./api-client.ts";
import type { SignedIn } from "./session-state.ts";

const c = contract;

/** A workspace the member belongs to, with their role there (GET /v1/workspaces). */
export type WorkspaceEntry = ResponseOf<typeof c.listWorkspaces>["workspaces"][number];
/** A member of the workspace (GET /v1/members). */
export type MemberEntry = ResponseOf<typeof c.listMembers>["members"][number];
/** An invitation not yet accepted (GET /v1/invitations). */
export type InvitationEntry = ResponseOf<typeof c.listInvitations>["invitations"][number];
/** What an invitation link shows before it is accepted (GET /v1/invitations/:token). */
export type InvitationView = ResponseOf<typeof c.getInvitation>;
/** What GET /v1/session answers for a member signed in. */
export type SessionAnswer = ResponseOf<typeof c.getSession>;

/** What the editor keeps of a session answer: who, the workspace it acts in, the role there, the CSRF token. */
export function signedInOf(session: SessionAnswer): SignedIn {
  return {
    user: session.user,
    workspaceId: session.workspace?.id ?? "",
    role: session.workspace?.role ?? null,
    permissions: session.permissions,
    csrfToken: session.csrfToken,
  };
}

/** A key as listed (masked). */
export type ApiKey = z.output<typeof ApiKeySchema>;
/** A key just created or rotated: the one answer that holds the key. */
export type CreatedKey = z.output<typeof CreatedKeySchema>;
/** One entry of the audit log. */
export type AuditEntry = z.output<typeof AuditEntrySchema>;
/** The audit screen's filters (GET /v1/audit). */
export type AuditFilters = {
  actor?: string;
  kind?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
};

/** The calls of the team screens (issue 13): sign-in, members, workspaces, keys and the audit log. */
export const teamApi = {
  keys: () => request(c.listKeys).then((r) => r.keys),
  createKey: (input: { name: string; scopes: KeyScope[]; expiresAt?: string }) => request(c.createKey, { body: input }),
  revokeKey: (id: string) => request(c.revokeKey, { params: { id } }),
  rotateKey: (id: string, overlapSeconds: number) => request(c.rotateKey, { params: { id }, body: { overlapSeconds } }),
  audit: (filters: AuditFilters, cursor?: number) => request(c.listAudit, { query: { ...filters, cursor, limit: 50 } }),
  /** The member signed in, or null when the browser has no session. */
  async session(): Promise<SessionAnswer | null> {
    try {
      return await request(c.getSession);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  /** True when nobody can sign in yet: the first-run screen. */
  setupNeeded: () => request(c.getSetup).then((r) => r.needed),
  completeSetup: (body: { name: string; email: string; password: string }) => request(c.completeSetup, { body }),
  signIn: (email: string, password: string) => request(c.signIn, { body: { email, password } }),
  signOut: () => request(c.signOut),
  signOutEverywhere: () => request(c.signOutEverywhere),
  requestPasswordReset: (email: string) => request(c.requestPasswordReset, { body: { email } }),
  resetPassword: (token: string, password: string) => request(c.resetPassword, { body: { token, password } }),
  workspaces: () => request(c.listWorkspaces).then((r) => r.workspaces),
  createWorkspace: (name: string) => request(c.createWorkspace, { body: { name } }),
  members: () => request(c.listMembers).then((r) => r.members),
  updateMember: (userId: string, role: MemberEntry["role"]) =>
    request(c.updateMember, { params: { userId }, body: { role } }),
  removeMember: (userId: string) => request(c.removeMember, { params: { userId } }),
  invitations: () => request(c.listInvitations).then((r) => r.invitations),
  invite: (email: string, role: MemberEntry["role"]) => request(c.createInvitation, { body: { email, role } }),
  revokeInvitation: (id: string) => request(c.revokeInvitation, { params: { id } }),
  invitation: (token: string) => request(c.getInvitation, { params: { token } }),
  /** Accepts an invitation: a new account with `name` and `password`, or the member signed in joins (empty body). */
  acceptInvitation: (token: string, account?: { name: string; password: string }) =>
    request(c.acceptInvitation, { params: { token }, body: account ?? {} }),
  /** Whether single sign-on is set up, and the words of its button (GET /v1/sso; off when the server has none). */
  sso: () =>
    call<{ enabled?: boolean; label?: string }>("GET", "/v1/sso").then(
      (r) => ({ enabled: r.enabled === true, label: r.label }),
      () => ({ enabled: false, label: undefined }),
    ),
};
