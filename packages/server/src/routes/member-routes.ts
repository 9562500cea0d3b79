import {
  allows,
  CreateWorkspaceInput,
  MemberListSchema,
  MemberRemovedSchema,
  MemberSchema,
  type Principal,
  type Role,
  UpdateMemberInput,
  WorkspaceListSchema,
  WorkspaceMembershipSchema,
} from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { defineRoute, type RouteDef } from "../route.ts";
import { membersOf } from "./session-http.ts";

const tag = "Members";

/** A member's own account: documented as the session's, since no key holds `account.self`. */
const SESSION_ONLY = [{ session: [] }];

/** Granting or taking the owner role takes an owner (`workspace.own`); admins manage the other roles. */
export function assertMayTouchOwner(principal: Principal | null, ...roles: Array<Role | null>): void {
  if (!roles.includes("owner") || (principal && allows(principal, "workspace.own"))) return;
  throw new InputError("forbidden", "Only an owner makes or removes owners.", [
    { path: "body.role", code: "owner_only", message: "needs workspace.own" },
  ]);
}

function userIdOf(principal: Principal | null): string {
  if (principal?.kind !== "user") {
    throw new InputError("forbidden", "Only a signed-in member has workspaces; an API key belongs to one.", [
      { path: "headers.authorization", code: "not_a_member", message: "a key" },
    ]);
  }
  return principal.userId;
}

/** A member's workspaces, and a workspace's members and their roles. */
export const memberRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/workspaces",
    operationId: "listWorkspaces",
    summary: "The workspaces you are a member of, with your role in each",
    description: "Switch between them with the X-Overture-Workspace header.",
    tag,
    auth: "secret",
    security: SESSION_ONLY,
    success: { status: 200, description: "Your workspaces.", schema: WorkspaceListSchema },
    handle: async ({ overture, principal }) => {
      const members = membersOf(overture);
      const user = await members.getUser(userIdOf(principal));
      return { workspaces: user ? (await members.account(user)).workspaces : [] };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/workspaces",
    operationId: "createWorkspace",
    summary: "Create a workspace; you become its owner",
    tag,
    auth: "secret",
    security: SESSION_ONLY,
    body: CreateWorkspaceInput,
    success: { status: 201, description: "The new workspace.", schema: WorkspaceMembershipSchema },
    handle: async ({ overture, principal, body }) => {
      const userId = userIdOf(principal);
      const { workspaceId } = await overture.workspaces.create(body.name);
      await membersOf(overture).putMember(workspaceId, userId, "owner");
      return { id: workspaceId, name: body.name, role: "owner" as const };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/members",
    operationId: "listMembers",
    summary: "The workspace's members and their roles",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every member, by email.", schema: MemberListSchema },
    handle: async ({ overture, workspaceId }) => ({ members: await membersOf(overture).listMembers(workspaceId) }),
  }),
  defineRoute({
    method: "put",
    path: "/v1/members/:userId",
    operationId: "updateMember",
    summary: "Change a member's role",
    description:
      "Only an owner makes or removes owners (403 `forbidden`); the last owner cannot be demoted (409 `last_owner`).",
    tag,
    auth: "secret",
    body: UpdateMemberInput,
    success: { status: 200, description: "The member with the new role.", schema: MemberSchema },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, principal, params, body }) => {
      const members = membersOf(overture);
      const userId = params.userId ?? "";
      const current = await members.roleIn(workspaceId, userId);
      assertMayTouchOwner(principal, current, body.role);
      const member = await members.changeRole(workspaceId, userId, body.role);
      if (!member) throw new InputError("not_found", `No member ${userId}.`, []);
      return member;
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/members/:userId",
    operationId: "removeMember",
    summary: "Remove a member from the workspace (their account stays)",
    description: "Only an owner removes an owner; the last owner cannot be removed (409 `last_owner`).",
    tag,
    auth: "secret",
    success: { status: 200, description: "Removed.", schema: MemberRemovedSchema },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, principal, params }) => {
      const members = membersOf(overture);
      const userId = params.userId ?? "";
      assertMayTouchOwner(principal, await members.roleIn(workspaceId, userId));
      await members.remove(workspaceId, userId);
      return { userId, removed: true as const };
    },
  }),
];
