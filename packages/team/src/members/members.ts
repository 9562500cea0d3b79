import type { Role } from "@overture/api-contract";
import { type Clock, InputError, type SqlRunner, type Store } from "@overture/runtime";
import type { AccountMailer, PublicUrl } from "./account-mail.ts";
import { type AccountView, accountView } from "./account-view.ts";
import { createInvitations } from "./invitations.ts";
import { MEMBER_MIGRATIONS } from "./member-tables.ts";
import { checkNewPassword, verifyPassword } from "./password.ts";
import { createPasswordResets } from "./password-resets.ts";
import { createSessionAuth } from "./session-auth.ts";
import {
  type ActiveSession,
  deleteSession,
  deleteSessionsOf,
  findSession,
  insertSession,
  type NewSession,
} from "./sessions.ts";
import { countUsers, findUserByEmail, findUserRow, getUser, insertUser, setPassword, type User } from "./users.ts";
import { countOwners, deleteMember, listMembers, membershipsOf, putMember, roleIn } from "./workspace-members.ts";

/** Where a sign-in came from, kept on the session (the sessions list and the audit log show it). */
export type SignInMeta = { ip?: string; userAgent?: string };

/** How account emails (invitations, password resets) go out; without a mailer they are not sent. */
export type MembersOptions = { mailer?: AccountMailer; publicUrl?: PublicUrl };

/**
 * The members port: users, their sessions and their roles in workspaces, on the store's own database (both
 * dialects). Its tables are created on first use. `clock` is the wall clock: the demo's "advance 1 day" must not expire
 * anyone's session.
 */
export function createMembers(store: Store, clock: Clock, options: MembersOptions = {}) {
  let migrated: Promise<unknown> | undefined;
  const sql = async (): Promise<SqlRunner> => {
    migrated ??= store.sql.migrate(MEMBER_MIGRATIONS).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    await migrated;
    return store.sql;
  };
  const workspaceName = async (id: string) => (await store.getWorkspace(id))?.name ?? id;
  const mail = { mailer: options.mailer, publicUrl: options.publicUrl };
  const invitations = createInvitations({ sql, clock, workspaceName, ...mail });
  const resets = createPasswordResets({ sql, clock, ...mail });
  // The first-run form may be sent twice at once (a double click): one at a time, so only one becomes the owner.
  let setupQueue: Promise<unknown> = Promise.resolve();
  const members = {
    /** The tables, for the features built on them (invitations, resets, SSO) that join users. */
    sql,
    invitations,
    resets,
    /** The live session of a cookie's token with its user (for its CSRF token), or null. */
    async session(token: string): Promise<ActiveSession | null> {
      return findSession(await sql(), token, clock.now());
    },
    /** The user's account view, acting in `workspaceId` when they are a member of it, else in their first. */
    async account(user: User, workspaceId?: string): Promise<AccountView> {
      return accountView(store, user, await membershipsOf(await sql(), user.id), workspaceId);
    },
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
    /**
     * Changes a member's role; InputError `not_found` for a non-member, `last_owner` when it would leave the workspace
     * without an owner. Who may grant or take the owner role is the caller's check (the route's principal).
     */
    async changeRole(workspaceId: string, userId: string, role: Role) {
      const db = await sql();
      const current = await roleIn(db, workspaceId, userId);
      if (!current) throw notMember(userId);
      if (current === "owner" && role !== "owner") await keepAnOwner(db, workspaceId);
      await putMember(db, workspaceId, userId, role, clock.now());
      return (await listMembers(db, workspaceId)).find((m) => m.userId === userId);
    },
    /** Removes a member; InputError `not_found` for a non-member, `last_owner` for the only owner. */
    async remove(workspaceId: string, userId: string): Promise<void> {
      const db = await sql();
      const current = await roleIn(db, workspaceId, userId);
      if (!current) throw notMember(userId);
      if (current === "owner") await keepAnOwner(db, workspaceId);
      await deleteMember(db, workspaceId, userId);
    },
    /**
     * The first-run screen: creates the first user, owner of `workspaceId`, signed in. InputError `setup_done` once
     * any user exists.
     */
    async completeSetup(
      input: { email: string; name: string; password: string },
      workspaceId: string,
      meta: SignInMeta = {},
    ): Promise<{ user: User; session: NewSession }> {
      const run = setupQueue.then(async () => {
        if (!(await members.needsSetup())) {
          throw new InputError(
            "setup_done",
            "Overture is set up already: sign in, or ask an owner for an invitation.",
            [{ path: "", code: "setup_done", message: "a user exists" }],
          );
        }
        const user = await members.createUser(input);
        await members.putMember(workspaceId, user.id, "owner");
        return { user, session: await members.openSession(user.id, meta) };
      });
      setupQueue = run.catch(() => undefined);
      return run;
    },
    /**
     * Accepts an invitation. Signed in (`userId`): only as the invited email, and the membership is added. Not signed
     * in: creates the account of the invited email with `password` (and `name`) and signs it in; an email that has an
     * account must sign in first. InputError `not_found`, `invitation_expired`, `forbidden`, `unauthorized`.
     */
    async acceptInvitation(
      token: string,
      input: { userId?: string; name?: string; password?: string },
      meta: SignInMeta = {},
    ): Promise<{ user: User; session: NewSession | null; workspaceId: string }> {
      const invitation = await invitations.usable(token);
      let user = input.userId ? await members.getUser(input.userId) : await members.findUser(invitation.email);
      if (input.userId && user?.email !== invitation.email) {
        throw new InputError("forbidden", `This invitation is for ${invitation.email}; sign out and open it again.`, [
          { path: "params.token", code: "other_email", message: invitation.email },
        ]);
      }
      if (!input.userId && user) {
        throw new InputError("unauthorized", `${invitation.email} has an account: sign in, then open the link again.`, [
          { path: "", code: "sign_in_first", message: invitation.email },
        ]);
      }
      if (!user && input.password === undefined) {
        throw new InputError("invalid_input", "Choose a password for your new account.", [
          { path: "body.password", code: "required", message: "a password for the new account" },
        ]);
      }
      if (!user && input.password !== undefined) checkNewPassword(input.password);
      // Spent before anything is created: of two requests at once, only one goes on.
      if (!(await invitations.markAccepted(invitation.id))) {
        throw new InputError("invitation_expired", "This invitation was used; ask for a new one.", [
          { path: "params.token", code: "used", message: "invitation used" },
        ]);
      }
      user ??= await members.createUser({ email: invitation.email, name: input.name, password: input.password });
      if (!(await members.roleIn(invitation.workspaceId, user.id))) {
        await members.putMember(invitation.workspaceId, user.id, invitation.role);
      }
      const session = input.userId ? null : await members.openSession(user.id, meta);
      return { user, session, workspaceId: invitation.workspaceId };
    },
    /** Sets a new password with a reset link, ends every session of the user, and opens a new one. */
    async resetPassword(token: string, password: string, meta: SignInMeta = {}) {
      const userId = await resets.consume(token, password);
      await members.setPassword(userId, password);
      await members.signOutEverywhere(userId);
      const user = (await members.getUser(userId)) as User;
      return { user, session: await members.openSession(userId, meta) };
    },
  };
  return members;
}

function notMember(userId: string): InputError {
  return new InputError("not_found", `No member ${userId} in this workspace.`, [
    { path: "params.userId", code: "not_found", message: userId },
  ]);
}

async function keepAnOwner(db: SqlRunner, workspaceId: string): Promise<void> {
  if ((await countOwners(db, workspaceId)) <= 1) {
    throw new InputError("last_owner", "A workspace needs an owner: make someone else owner first.", [
      { path: "body.role", code: "last_owner", message: "the last owner" },
    ]);
  }
}

/** The members port. */
export type Members = ReturnType<typeof createMembers>;
