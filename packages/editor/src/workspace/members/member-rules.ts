import { ROLES, type Role } from "@overture/api-contract";

/** Who looks at the members screen: their id and what their role lets them do. */
export type Viewer = { userId: string; manages: boolean; owns: boolean };
/** A member as the screen lists them. */
export type MemberRow = { userId: string; role: Role };

/** What the screen offers for one member: the roles it can be changed to, whether removing is offered, and why not. */
export type MemberActions = { roles: Role[]; canChangeRole: boolean; canRemove: boolean; note: string | null };

/**
 * The owner rules, shown on the screen rather than found out by a refusal: only members who manage members change
 * roles or remove anyone; only an owner makes someone an owner or touches an owner; the last owner can be neither
 * demoted nor removed (a workspace always has someone who can do everything). The server checks the same.
 */
export function memberActions(viewer: Viewer, member: MemberRow, members: readonly MemberRow[]): MemberActions {
  if (!viewer.manages) return { roles: [], canChangeRole: false, canRemove: false, note: null };
  const owners = members.filter((m) => m.role === "owner").length;
  if (member.role === "owner" && !viewer.owns)
    return { roles: [], canChangeRole: false, canRemove: false, note: "Only an owner can change an owner." };
  if (member.role === "owner" && owners <= 1)
    return {
      roles: [],
      canChangeRole: false,
      canRemove: false,
      note: "The only owner: make someone else an owner first.",
    };
  return { roles: assignableRoles(viewer), canChangeRole: true, canRemove: true, note: null };
}

/** The roles a viewer may give: every role below owner, and owner too for an owner. */
export function assignableRoles(viewer: Pick<Viewer, "manages" | "owns">): Role[] {
  if (!viewer.manages) return [];
  return ROLES.filter((role) => role !== "owner" || viewer.owns);
}

/** How long an invitation has left, in words ("expires in 3 days", "expired"). */
export function expiryWords(expiresAt: number | string, now: Date): string {
  const ms = (typeof expiresAt === "number" ? expiresAt : Date.parse(expiresAt)) - now.getTime();
  if (Number.isNaN(ms)) return "";
  if (ms <= 0) return "expired";
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return "expires in less than an hour";
  if (hours < 48) return `expires in ${hours} ${hours === 1 ? "hour" : "hours"}`;
  // Rounded: an invitation made a second ago "expires in 7 days", not 6.
  return `expires in ${Math.round(ms / 86_400_000)} days`;
}
