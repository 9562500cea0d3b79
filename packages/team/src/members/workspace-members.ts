import { ROLES, type Role } from "@overture/api-contract";
import type { SqlRunner } from "@overture/runtime";

/** A member of a workspace, as the members screen lists them. */
export type Member = { userId: string; email: string; name: string; role: Role; joinedAt: number };

/** Makes the user a member with the role, or changes the role of a member. */
export async function putMember(
  sql: SqlRunner,
  workspaceId: string,
  userId: string,
  role: Role,
  now: number,
): Promise<void> {
  const changed = await sql.run("UPDATE workspace_members SET role = ? WHERE workspace_id = ? AND user_id = ?", [
    role,
    workspaceId,
    userId,
  ]);
  if (changed === 0) {
    await sql.run("INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)", [
      workspaceId,
      userId,
      role,
      now,
    ]);
  }
}

/** The member's role in the workspace, or null when the user is not a member. */
export async function roleIn(sql: SqlRunner, workspaceId: string, userId: string): Promise<Role | null> {
  const [row] = await sql.all<{ role: string }>(
    "SELECT role FROM workspace_members WHERE workspace_id = ? AND user_id = ?",
    [workspaceId, userId],
  );
  return row && (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : null;
}

/** The workspaces a user belongs to, with the role in each, oldest membership first. */
export async function membershipsOf(
  sql: SqlRunner,
  userId: string,
): Promise<Array<{ workspaceId: string; role: Role }>> {
  const rows = await sql.all<{ workspace_id: string; role: string }>(
    "SELECT workspace_id, role FROM workspace_members WHERE user_id = ? ORDER BY created_at, workspace_id",
    [userId],
  );
  return rows.map((r) => ({ workspaceId: r.workspace_id, role: r.role as Role }));
}

/** A workspace's members, by email. */
export async function listMembers(sql: SqlRunner, workspaceId: string): Promise<Member[]> {
  const rows = await sql.all<{ user_id: string; email: string; name: string; role: string; created_at: unknown }>(
    `SELECT m.user_id, u.email, u.name, m.role, m.created_at FROM workspace_members m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = ? ORDER BY u.email`,
    [workspaceId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    joinedAt: Number(r.created_at),
  }));
}

/** Removes a member from a workspace (the user and their other memberships stay). True when there was one. */
export async function deleteMember(sql: SqlRunner, workspaceId: string, userId: string): Promise<boolean> {
  return (
    (await sql.run("DELETE FROM workspace_members WHERE workspace_id = ? AND user_id = ?", [workspaceId, userId])) > 0
  );
}

/** How many owners a workspace has: the last one cannot be removed or demoted. */
export async function countOwners(sql: SqlRunner, workspaceId: string): Promise<number> {
  const [row] = await sql.all<{ n: number | string }>(
    "SELECT count(*) AS n FROM workspace_members WHERE workspace_id = ? AND role = 'owner'",
    [workspaceId],
  );
  return Number(row?.n ?? 0);
}
