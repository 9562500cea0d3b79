/**
 * Who may do what (issue 13): the roles a member holds, the scopes a key carries, and one table saying, for every
 * permission, the least role that holds it and the key scopes that grant it. The server's route table
 * (`server/src/access/route-permissions.ts`) names one permission per route; the editor reads the same table to hide
 * what a member cannot do. Pure data, no I/O.
 */

/** A member's role in a workspace, from least to most. Each role holds everything the roles before it hold. */
export const ROLES = ["viewer", "editor", "publisher", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** What a key may be used for. `manage` grants everything but a member's own account; `read` what a viewer may see. */
export const KEY_SCOPES = ["ingest", "portal", "read", "manage"] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

type Grant = {
  /** The least role that holds the permission; null when no member holds it (keys only). */
  role: Role | null;
  /** The key scopes that grant it besides `manage`, which grants every permission. */
  scopes: readonly KeyScope[];
  /** Plain words, for the members screen and error messages. */
  means: string;
};

/** Every permission, in one table. */
export const PERMISSIONS = {
  "workspace.read": {
    role: "viewer",
    scopes: ["read"],
    means: "see journeys, content, templates, deliveries and figures",
  },
  "account.self": {
    role: "viewer",
    scopes: [],
    means: "see your own account and workspaces, create a workspace, sign out",
  },
  "events.ingest": { role: "editor", scopes: ["ingest"], means: "send events and profile updates" },
  "portal.customer": {
    role: null,
    scopes: ["ingest", "portal"],
    means: "act for one customer in the portal (slots, notifications, push)",
  },
  "portal.token": { role: "admin", scopes: ["portal"], means: "issue customer tokens for a portal" },
  "drafts.edit": { role: "editor", scopes: [], means: "edit journey drafts, simulate and validate them" },
  "content.edit": { role: "editor", scopes: [], means: "edit content, slots and email templates" },
  "segments.edit": { role: "editor", scopes: [], means: "create, change, import and delete segments" },
  "messages.test": { role: "editor", scopes: [], means: "send test messages" },
  "customers.edit": { role: "editor", scopes: [], means: "change a customer's profile" },
  "approvals.request": { role: "editor", scopes: [], means: "ask for a journey to be reviewed" },
  "journeys.publish": {
    role: "publisher",
    scopes: [],
    means: "publish, pause, resume and archive journeys, and start customers in them",
  },
  "approvals.decide": { role: "publisher", scopes: [], means: "approve or reject review requests" },
  "deliveries.retry": { role: "publisher", scopes: [], means: "retry and redrive dead deliveries" },
  "settings.manage": {
    role: "admin",
    scopes: [],
    means: "change the delivery policy, senders, webhooks, identity and workspace settings",
  },
  "secrets.read": { role: "admin", scopes: [], means: "read signing and identity secrets" },
  "members.manage": { role: "admin", scopes: [], means: "invite members and change their roles" },
  "keys.manage": { role: "admin", scopes: [], means: "create, rotate and revoke API keys" },
  "audit.read": { role: "admin", scopes: [], means: "read the audit log" },
  "customers.export": { role: "admin", scopes: [], means: "export everything held about a customer" },
  "customers.erase": { role: "admin", scopes: [], means: "erase a customer everywhere" },
  "workspace.own": { role: "owner", scopes: [], means: "make or remove owners" },
} as const satisfies Record<string, Grant>;
export type Permission = keyof typeof PERMISSIONS;

/** Who a request acts as: a member signed in, or an API key. */
export type Principal =
  /** A member; `role` null (and `workspaceId` "") for someone signed in who belongs to no workspace yet. */
  | { kind: "user"; workspaceId: string; userId: string; email: string; name: string; role: Role | null }
  | { kind: "key"; workspaceId: string; keyId: string; name: string; scopes: readonly KeyScope[] };

/** True when the role holds the permission (roles are ordered; each holds what the ones before it hold). */
export function roleHolds(role: Role, permission: Permission): boolean {
  const least = PERMISSIONS[permission].role as Role | null;
  return least !== null && ROLES.indexOf(role) >= ROLES.indexOf(least);
}

/**
 * True when a key with these scopes is granted the permission. `manage` grants every permission a key can hold; none
 * grants `account.self`, since a key has no account, session or workspaces of its own to see.
 */
export function scopesGrant(scopes: readonly KeyScope[], permission: Permission): boolean {
  // A key is nobody's account: it has no session to see or end, and creates no workspace.
  if (permission === "account.self") return false;
  if (scopes.includes("manage")) return true;
  const grant = PERMISSIONS[permission];
  if (scopes.includes("read") && grant.role === "viewer") return true;
  return scopes.some((scope) => (grant.scopes as readonly KeyScope[]).includes(scope));
}

/** True when the principal may do what the permission names. */
export function allows(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "key") return scopesGrant(principal.scopes, permission);
  // Someone in no workspace yet may still see their account, create a workspace and sign out.
  return principal.role === null ? permission === "account.self" : roleHolds(principal.role, permission);
}

/** Who did something, as the audit log and the approval screens name them. */
export function actorOf(principal: Principal): { kind: "user" | "key"; id: string; name: string } {
  return principal.kind === "user"
    ? { kind: "user", id: principal.userId, name: principal.name || principal.email }
    : { kind: "key", id: principal.keyId, name: principal.name };
}
