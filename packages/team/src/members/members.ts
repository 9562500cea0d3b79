import type { Role } from "@overture/api-contract";
import { type Clock, InputError, type SqlRunner, type Store } from "@overture/runtime";
import { MEMBER_MIGRATIONS } from "./member-tables.ts";
import { verifyPassword } from "./password.ts";
import { createSessionAuth } from "./session-auth.ts";
import { deleteSession, deleteSessionsOf, insertSession, type NewSession } from "./sessions.ts";
import { countUsers, findUserByEmail, findUserRow, getUser, insertUser, setPassword, type User } from "./users.ts";
import { deleteMember, listMembers, membershipsOf, putMember, roleIn } from "./workspace-members.ts";

/** Where a sign-in came from, kept on the session (the sessions list and the audit log show it). */
export type SignInMeta = { ip?: string; userAgent?: string };

/**
 * The members port: users, their sessions and their roles in workspaces, on the store's own database (both
 * dialects). Its tables are created on first use. `clock` is the wall clock: the demo's "advance 1 day" must not expire
 * anyone's session.
 */
export function createMembers(store: Store, clock: Clock) {
  let migrated: Promise<unknown> | undefined;
  const sql = async (): Promise<SqlRunner> => {
    migrated ??= store.sql.migrate(MEMBER_MIGRATIONS).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    await migrated;
    return store.sql;
  };
  return {
    /** The tables, for the features built on them (invitations, resets, SSO) that join users. */
    sql,
    /** The router's session port (`OvertureApi.sessions`). */
    sessions: createSessionAuth(sql, clock),
    /** True while nobody can sign in: the editor shows the first-run screen. */
    async needsSetup(): Promise<boolean> {
      return (await countUsers(await sql())) === 0;
    },
    async createUser(input: { email: string; name?: string; password?: string }): Promise<User> {
      return insertUser(await sql(), input, clock.now());
    },
    async getUser(userId: string): Promise<User | null> {
      return getUser(await sql(), userId);
    },
    async findUser(email: string): Promise<User | null> {
      return findUserByEmail(await sql(), email);
    },
    async setPassword(userId: string, password: string): Promise<void> {
      await setPassword(await sql(), userId, password, clock.now());
    },
    /** Checks email and password; a session for the user, or InputError("unauthorized") that never says which was wrong. */
    async signIn(email: string, password: string, meta: SignInMeta = {}): Promise<{ user: User; session: NewSession }> {
      const db = await sql();
      const row = await findUserRow(db, email);
      if (!(await verifyPassword(row?.password_hash ?? null, password)) || !row) {
        throw new InputError("unauthorized", "Wrong email or password.", [
          { path: "body", code: "wrong_credentials", message: "wrong email or password" },
        ]);
      }
      const user = (await getUser(db, row.id)) as User;
      return { user, session: await insertSession(db, user.id, { now: clock.now(), ...meta }) };
    },
    /** A session for a user proven another way (single sign-on, an accepted invitation, the first-run screen). */
    async openSession(userId: string, meta: SignInMeta = {}): Promise<NewSession> {
      return insertSession(await sql(), userId, { now: clock.now(), ...meta });
    },
    async signOut(token: string): Promise<void> {
      await deleteSession(await sql(), token);
    },
    async signOutEverywhere(userId: string): Promise<number> {
      return deleteSessionsOf(await sql(), userId);
    },
    async putMember(workspaceId: string, userId: string, role: Role): Promise<void> {
      await putMember(await sql(), workspaceId, userId, role, clock.now());
    },
    async roleIn(workspaceId: string, userId: string): Promise<Role | null> {
      return roleIn(await sql(), workspaceId, userId);
    },
    async memberships(userId: string) {
      return membershipsOf(await sql(), userId);
    },
    async listMembers(workspaceId: string) {
      return listMembers(await sql(), workspaceId);
    },
    async removeMember(workspaceId: string, userId: string): Promise<boolean> {
      return deleteMember(await sql(), workspaceId, userId);
    },
  };
}

/** The members port. */
export type Members = ReturnType<typeof createMembers>;
