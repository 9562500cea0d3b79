import { VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMembers, type Members, SESSION_COOKIE, SESSION_MS } from "../src/index.ts";
import { TEAM_STORES, type TeamStore } from "./team-stores.ts";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const cookie = (token: string) => `other=1; ${SESSION_COOKIE}=${token}`;

describe.each(TEAM_STORES)("members and sessions on $name", (target) => {
  let opened: TeamStore;
  let members: Members;
  const clock = new VirtualClock(T0);
  beforeAll(async () => {
    if (target.skip) return;
    opened = await target.open();
    members = createMembers(opened.store, clock);
  });
  afterAll(() => opened?.close());

  it.skipIf(target.skip)(
    "keeps an argon2id hash, never the password, and signs in only with the right one",
    async () => {
      expect(await members.needsSetup()).toBe(true);
      const ann = await members.createUser({
        email: " Ann@Example.com ",
        name: "Ann",
        password: "correct horse battery",
      });
      expect(ann.email).toBe("ann@example.com");
      expect(await members.needsSetup()).toBe(false);
      const [row] = await opened.store.sql.all<{ password_hash: string }>("SELECT password_hash FROM users");
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect(row?.password_hash).not.toContain("correct horse");

      await expect(members.signIn("ann@example.com", "wrong horse battery")).rejects.toMatchObject({
        code: "unauthorized",
      });
      await expect(members.signIn("nobody@example.com", "correct horse battery")).rejects.toMatchObject({
        code: "unauthorized",
      });
      const { user, session } = await members.signIn("ANN@example.com", "correct horse battery");
      expect(user.id).toBe(ann.id);
      // The database holds the token's hash, not the token.
      const sessions = await opened.store.sql.all<{ token_hash: string }>("SELECT token_hash FROM sessions");
      expect(sessions.map((s) => s.token_hash)).not.toContain(session.token);
      await expect(
        members.createUser({ email: "ann@example.com", password: "another password" }),
      ).rejects.toMatchObject({ code: "email_taken" });
      await expect(members.createUser({ email: "short@example.com", password: "short" })).rejects.toMatchObject({
        code: "invalid_password",
      });
    },
  );

  it.skipIf(target.skip)("resolves a session to the member's role in the workspace named, or their first", async () => {
    const bob = await members.createUser({ email: "bob@example.com", name: "Bob", password: "bob's long password" });
    const { session } = await members.signIn("bob@example.com", "bob's long password");
    const ask = (workspaceId?: string, method = "GET", csrfToken?: string) =>
      members.sessions.principalOf({ cookie: cookie(session.token), workspaceId, csrfToken, method });

    // Signed in, in no workspace yet.
    expect(await ask()).toMatchObject({ kind: "user", userId: bob.id, workspaceId: "", role: null });
    await members.putMember("w1", bob.id, "editor");
    await members.putMember("w2", bob.id, "viewer");
    expect(await ask()).toMatchObject({ workspaceId: "w1", role: "editor" });
    expect(await ask("w2")).toMatchObject({ workspaceId: "w2", role: "viewer" });
    await expect(ask("w3")).rejects.toMatchObject({ code: "forbidden" });
    await members.putMember("w2", bob.id, "publisher");
    expect(await ask("w2")).toMatchObject({ role: "publisher" });

    // An unsafe request needs the session's CSRF token.
    await expect(ask("w1", "POST")).rejects.toMatchObject({ code: "forbidden" });
    await expect(ask("w1", "POST", "wrong")).rejects.toMatchObject({ code: "forbidden" });
    expect(await ask("w1", "POST", session.csrfToken)).toMatchObject({ role: "editor" });

    expect(
      await members.sessions.principalOf({
        cookie: cookie("forged"),
        workspaceId: undefined,
        csrfToken: undefined,
        method: "GET",
      }),
    ).toBeNull();
    expect(
      await members.sessions.principalOf({
        cookie: undefined,
        workspaceId: undefined,
        csrfToken: undefined,
        method: "GET",
      }),
    ).toBeNull();
  });

  it.skipIf(target.skip)("ends sessions: one, everywhere, and at expiry", async () => {
    await members.createUser({ email: "cy@example.com", password: "cy's long password" });
    const a = await members.signIn("cy@example.com", "cy's long password");
    const b = await members.signIn("cy@example.com", "cy's long password");
    const c = await members.signIn("cy@example.com", "cy's long password");
    const who = (token: string) =>
      members.sessions.principalOf({
        cookie: cookie(token),
        workspaceId: undefined,
        csrfToken: undefined,
        method: "GET",
      });
    await members.signOut(a.session.token);
    expect(await who(a.session.token)).toBeNull();
    expect(await who(b.session.token)).not.toBeNull();
    expect(await members.signOutEverywhere(b.user.id)).toBe(2);
    expect(await who(b.session.token)).toBeNull();
    expect(await who(c.session.token)).toBeNull();

    const d = await members.signIn("cy@example.com", "cy's long password");
    clock.advance(SESSION_MS - 1000);
    expect(await who(d.session.token)).not.toBeNull();
    clock.advance(2000);
    expect(await who(d.session.token)).toBeNull();
  });
});
