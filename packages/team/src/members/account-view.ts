import { PERMISSIONS, type Permission, type Role, roleHolds } from "@overture/api-contract";
import type { Store } from "@overture/runtime";
import type { User } from "./users.ts";

/** A workspace as one of its members sees it. */
export type Membership = { id: string; name: string; role: Role };

/** Who is signed in, their workspaces, the one a request acts in, and what their role there lets them do. */
export type AccountView = {
  user: User;
  workspaces: Membership[];
  workspace: Membership | null;
  permissions: Permission[];
};

/** The permissions a role holds (with none, a member of no workspace may still see their account). */
export function permissionsOf(role: Role | null): Permission[] {
  const all = Object.keys(PERMISSIONS) as Permission[];
  return role === null ? ["account.self"] : all.filter((permission) => roleHolds(role, permission));
}

/**
 * The account view of a user: memberships named from the store's workspaces (a workspace deleted since is left out),
 * the current one being `workspaceId` when they are a member of it, else their first.
 */
export async function accountView(
  store: Store,
  user: User,
  memberships: Array<{ workspaceId: string; role: Role }>,
  workspaceId?: string,
): Promise<AccountView> {
  const workspaces: Membership[] = [];
  for (const { workspaceId: id, role } of memberships) {
    const found = await store.getWorkspace(id);
    if (found) workspaces.push({ id, name: found.name, role });
  }
  const workspace = workspaces.find((w) => w.id === workspaceId) ?? workspaces[0] ?? null;
  return { user, workspaces, workspace, permissions: permissionsOf(workspace?.role ?? null) };
}
