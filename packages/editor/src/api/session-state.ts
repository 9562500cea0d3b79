import { allows, type Permission, type Principal, type Role } from "@overture/api-contract";

/** Where the editor keeps the workspace a member chose, so a reload opens the same one. */
export const WORKSPACE_STORAGE = "overture.workspace";

/** What the editor knows of a member signed in with a session (GET /v1/session). */
export type SignedIn = {
  user: { id: string; email: string; name: string };
  workspaceId: string;
  role: Role | null;
  permissions: readonly string[];
  csrfToken: string;
};

let current: SignedIn | null = null;
const signedOutListeners = new Set<() => void>();

/** The member signed in, or null (no session, or the editor runs with an API key). */
export function signedIn(): SignedIn | null {
  return current;
}

/** Records the session the server answered with; null after signing out. */
export function setSignedIn(session: SignedIn | null): void {
  current = session;
}

/** The workspace chosen earlier in this browser, or null (the server then picks the member's first). */
export function chosenWorkspace(): string | null {
  return globalThis.localStorage?.getItem(WORKSPACE_STORAGE) ?? null;
}

/** Remembers the workspace to send in X-Overture-Workspace; null forgets it. */
export function chooseWorkspace(workspaceId: string | null): void {
  if (workspaceId === null) globalThis.localStorage?.removeItem(WORKSPACE_STORAGE);
  else globalThis.localStorage?.setItem(WORKSPACE_STORAGE, workspaceId);
}

/**
 * The headers a session call sends: the CSRF token on every unsafe method (the cookie alone proves nothing, any site
 * can make the browser send it) and the workspace the member chose.
 */
export function sessionHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const workspace = current?.workspaceId || chosenWorkspace();
  if (workspace) headers["x-overture-workspace"] = workspace;
  if (current && !["GET", "HEAD"].includes(method.toUpperCase())) headers["x-csrf-token"] = current.csrfToken;
  return headers;
}

/** Runs `listener` when a call finds the session gone (expired, or signed out elsewhere); returns the unsubscribe. */
export function onSessionLost(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** Called by the API client on a 401 while signed in: the session ended, the editor returns to the sign-in screen. */
export function sessionLost(): void {
  if (!current) return;
  current = null;
  for (const listener of signedOutListeners) listener();
}

/**
 * True when whoever uses the editor may do what the permission names. With an API key (the demo, a pasted key) the
 * editor does not know the key's scopes and lets the server decide; a member's role decides from the same table the
 * server uses.
 */
export function may(permission: Permission): boolean {
  return current ? holds(current, permission) : true;
}

/** Whether a signed-in member holds a permission: the server's list when it sent one, else the role's from the table. */
export function holds(
  session: Pick<SignedIn, "role" | "permissions" | "workspaceId">,
  permission: Permission,
): boolean {
  if (session.permissions.length > 0) return session.permissions.includes(permission);
  const principal: Principal = {
    kind: "user",
    workspaceId: session.workspaceId,
    userId: "",
    email: "",
    name: "",
    role: session.role,
  };
  return allows(principal, permission);
}
