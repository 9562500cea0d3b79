import type { Role } from "@overture/api-contract";
import { ApiError, call } from "./api-client.ts";
import type { SignedIn } from "./session-state.ts";

/** A workspace the member belongs to, with their role there (GET /v1/workspaces). */
export type WorkspaceEntry = { id: string; name: string; role: Role };
/** A member of the workspace (GET /v1/members). */
export type MemberEntry = { userId: string; email: string; name: string; role: Role };
/** An invitation not yet accepted (GET /v1/invitations). */
export type InvitationEntry = { id: string; email: string; role: Role; expiresAt: string; invitedBy?: string | null };
/** What an invitation link shows before it is accepted (GET /v1/invitations/:token). */
export type InvitationView = { email: string; role: Role; workspaceName: string; expiresAt: string };
/** What GET /v1/session answers for a member signed in. */
export type SessionAnswer = SignedIn & { workspaces: WorkspaceEntry[] };

type Loose = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Reads a session answer. The members routes answer `{user, workspace, role, permissions, csrfToken}`; the workspace
 * may come as an object or an id, and the workspaces list may come along or not: read both rather than break.
 */
export function readSession(json: unknown): SessionAnswer | null {
  const body = (json ?? {}) as Loose;
  const session = (body.session ?? body) as Loose;
  const user = session.user as Loose | undefined;
  if (!user || typeof user !== "object") return null;
  const workspace = session.workspace as Loose | string | null | undefined;
  const workspaceId =
    typeof workspace === "string" ? workspace : text(workspace?.id) || text(session.workspaceId) || "";
  return {
    user: { id: text(user.id), email: text(user.email), name: text(user.name) },
    workspaceId,
    role: (session.role as Role | null | undefined) ?? null,
    permissions: Array.isArray(session.permissions) ? (session.permissions as string[]) : [],
    csrfToken: text(session.csrfToken),
    workspaces: Array.isArray(session.workspaces) ? (session.workspaces as WorkspaceEntry[]) : [],
  };
}

/** Reads a list that comes either bare or under its name (`{members: [...]}`). */
function listOf<T>(json: unknown, name: string): T[] {
  if (Array.isArray(json)) return json as T[];
  const list = (json as Loose | null)?.[name];
  return Array.isArray(list) ? (list as T[]) : [];
}

/** The calls of the sign-in, members and workspaces screens (the members routes of issue 13). */
export const teamApi = {
  /** The member signed in, or null when the browser has no session. */
  async session(): Promise<SessionAnswer | null> {
    try {
      return readSession(await call<unknown>("GET", "/v1/session"));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  },
  /** True when nobody can sign in yet: the first-run screen. */
  setupNeeded: () => call<{ needed: boolean }>("GET", "/v1/setup").then((r) => r.needed === true),
  completeSetup: (input: { name: string; email: string; password: string; workspaceName: string }) =>
    call<unknown>("POST", "/v1/setup", input).then(readSession),
  signIn: (email: string, password: string) =>
    call<unknown>("POST", "/v1/session", { email, password }).then(readSession),
  signOut: () => call<unknown>("DELETE", "/v1/session"),
  signOutEverywhere: () => call<unknown>("DELETE", "/v1/sessions"),
  requestPasswordReset: (email: string) => call<unknown>("POST", "/v1/password-resets", { email }),
  resetPassword: (token: string, password: string) =>
    call<unknown>("POST", "/v1/password-resets/confirm", { token, password }),
  workspaces: () => call<unknown>("GET", "/v1/workspaces").then((r) => listOf<WorkspaceEntry>(r, "workspaces")),
  createWorkspace: (name: string) =>
    call<Loose>("POST", "/v1/workspaces", { name }).then((r) => (r.workspace ?? r) as WorkspaceEntry),
  members: () => call<unknown>("GET", "/v1/members").then((r) => listOf<MemberEntry>(r, "members")),
  updateMember: (userId: string, role: Role) =>
    call<unknown>("PUT", `/v1/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (userId: string) => call<unknown>("DELETE", `/v1/members/${encodeURIComponent(userId)}`),
  invitations: () => call<unknown>("GET", "/v1/invitations").then((r) => listOf<InvitationEntry>(r, "invitations")),
  invite: (email: string, role: Role) => call<Loose>("POST", "/v1/invitations", { email, role }),
  revokeInvitation: (id: string) => call<unknown>("DELETE", `/v1/invitations/${encodeURIComponent(id)}`),
  async invitation(token: string): Promise<InvitationView> {
    const r = await call<Loose>("GET", `/v1/invitations/${encodeURIComponent(token)}`);
    const inv = (r.invitation ?? r) as Loose;
    const workspace = (inv.workspace ?? {}) as Loose;
    return {
      email: text(inv.email),
      role: inv.role as Role,
      workspaceName: text(inv.workspaceName) || text(workspace.name) || text(inv.workspaceId),
      expiresAt: text(inv.expiresAt),
    };
  },
  /** Accepts an invitation: a new account with `name` and `password`, or the member signed in joins (empty body). */
  acceptInvitation: (token: string, account?: { name: string; password: string }) =>
    call<unknown>("POST", `/v1/invitations/${encodeURIComponent(token)}/accept`, account ?? {}).then(readSession),
  /** Whether single sign-on is set up, and the words of its button (GET /v1/sso). */
  sso: () =>
    call<{ enabled: boolean; label?: string }>("GET", "/v1/sso").catch(() => ({ enabled: false, label: undefined })),
};
