import { VirtualClock } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMembers,
  createSso,
  type Members,
  SESSION_COOKIE,
  SSO_LOGIN_MS,
  type Sso,
  type SsoSignIn,
  safeReturnPath,
  ssoConfigFromEnv,
} from "../src/index.ts";
import { startTestProvider, TestBrowser, type TestProvider, throughProvider } from "./oidc-test-provider.ts";
import { TEAM_STORES, type TeamStore } from "./team-stores.ts";

// Never fetched: the walk through the provider stops when the browser is sent here.
const REDIRECT_URI = "http://127.0.0.1:9/v1/sso/callback";

describe.each(TEAM_STORES)("single sign-on against a real OpenID provider, on $name", (target) => {
  let provider: TestProvider;
  let opened: TeamStore;
  let members: Members;
  let sso: Sso;
  // The sign-in pages run on the wall clock (the provider's tokens are checked against it); only our logins' expiry
  // is on this clock.
  const clock = new VirtualClock(Date.now());

  /** One login in a fresh browser: start, the provider's forms as `login`, and the callback's query. */
  async function login(name: string, returnTo?: string) {
    const { url, state } = await sso.start(returnTo);
    const back = await throughProvider(new TestBrowser(), url, { login: name, until: REDIRECT_URI });
    return { state, query: Object.fromEntries(back.searchParams) };
  }

  beforeAll(async () => {
    if (target.skip) return;
    provider = await startTestProvider({
      ann: { email: "Ann@Example.com", email_verified: true, name: "Ann Lee" },
      bob: { email: "bob@example.com", email_verified: false, name: "Bob" },
      zoe: { email: "zoe@example.com", email_verified: true, name: "Zoe" },
    });
    provider.allowRedirect(REDIRECT_URI);
    opened = await target.open();
    members = createMembers(opened.store, clock);
    sso = createSso({
      store: opened.store,
      members,
      clock,
      config: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        label: "Okta",
      },
      redirectUri: () => REDIRECT_URI,
    });
  });
  afterAll(async () => {
    await opened?.close();
    await provider?.close();
  });

  it.skipIf(target.skip)(
    "links a user by verified email, then signs them in by subject after the email changes",
    async () => {
      const ann = await members.createUser({ email: "ann@example.com", name: "Ann" });
      await members.putMember("w1", ann.id, "editor");

      const first = await login("ann", "/#/journeys/j1");
      const signedIn = (await sso.finish(first.query, first.state, { ip: "127.0.0.1" })) as SsoSignIn;
      expect(signedIn).toMatchObject({ ok: true, returnTo: "/#/journeys/j1", user: { id: ann.id } });
      expect(signedIn.principal).toMatchObject({ kind: "user", userId: ann.id, workspaceId: "w1", role: "editor" });
      const cookie = `${SESSION_COOKIE}=${signedIn.session.token}`;
      const principal = await members.sessions.principalOf({
        cookie,
        workspaceId: "w1",
        csrfToken: undefined,
        method: "GET",
      });
      expect(principal).toMatchObject({ userId: ann.id, role: "editor" });
      const links = await opened.store.sql.all<{ issuer: string; subject: string; user_id: string }>(
        "SELECT issuer, subject, user_id FROM user_identities",
      );
      expect(links).toEqual([{ issuer: provider.issuer, subject: "ann", user_id: ann.id }]);

      // At the provider Ann's email changes: no user has the new one, so only the link by subject can sign her in.
      provider.accounts.set("ann", { email: "ann.lee@example.org", email_verified: true, name: "Ann Lee" });
      const second = await login("ann");
      expect(await sso.finish(second.query, second.state)).toMatchObject({
        ok: true,
        user: { id: ann.id },
        returnTo: "/",
      });
    },
  );

  it.skipIf(target.skip)(
    "uses a login's state once, and refuses one from another browser or past 10 minutes",
    async () => {
      const { state, query } = await login("ann");
      expect(await sso.finish(query, "another-browsers-state")).toMatchObject({ ok: false, code: "invalid_state" });
      // The failed attempt used the state up: the right browser cannot finish it afterwards either.
      expect(await sso.finish(query, state)).toMatchObject({ ok: false, code: "invalid_state" });

      const late = await login("ann");
      clock.advance(SSO_LOGIN_MS + 1);
      expect(await sso.finish(late.query, late.state)).toMatchObject({ ok: false, code: "invalid_state" });

      const fresh = await login("ann");
      expect(await sso.finish(fresh.query, fresh.state)).toMatchObject({ ok: true });
      expect(await sso.finish(fresh.query, fresh.state)).toMatchObject({ ok: false, code: "invalid_state" });
    },
  );

  it.skipIf(target.skip)("refuses an unverified email and an email with no account, creating no one", async () => {
    await members.createUser({ email: "bob@example.com", name: "Bob" });
    const [before] = await opened.store.sql.all<{ n: unknown }>("SELECT count(*) AS n FROM users");

    const bob = await login("bob");
    expect(await sso.finish(bob.query, bob.state)).toMatchObject({
      ok: false,
      code: "email_unverified",
      email: "bob@example.com",
    });
    const zoe = await login("zoe");
    expect(await sso.finish(zoe.query, zoe.state)).toMatchObject({
      ok: false,
      code: "no_account",
      message: "No Overture account for zoe@example.com — ask an admin to invite you.",
    });

    const [after] = await opened.store.sql.all<{ n: unknown }>("SELECT count(*) AS n FROM users");
    expect(Number(after?.n)).toBe(Number(before?.n));
    const linked = await opened.store.sql.all<{ subject: string }>(
      "SELECT subject FROM user_identities ORDER BY subject",
    );
    expect(linked.map((row) => row.subject)).toEqual(["ann"]);
  });

  it.skipIf(target.skip)(
    "accepts the pending invitations of a verified email: no password, the invited roles",
    async () => {
      await members.invitations.create({
        workspaceId: "w2",
        email: "Zoe@Example.com",
        role: "publisher",
        invitedBy: "x",
      });
      const revoked = await members.invitations.create({
        workspaceId: "w3",
        email: "zoe@example.com",
        role: "admin",
        invitedBy: "x",
      });
      await members.invitations.revoke("w3", revoked.id);

      const zoe = await login("zoe");
      const signedIn = (await sso.finish(zoe.query, zoe.state)) as SsoSignIn;
      expect(signedIn).toMatchObject({ ok: true, user: { email: "zoe@example.com", hasPassword: false } });
      expect(signedIn.principal).toMatchObject({ workspaceId: "w2", role: "publisher" });
      expect(await members.memberships(signedIn.user.id)).toEqual([{ workspaceId: "w2", role: "publisher" }]);
      expect(await members.invitations.listPending("w2")).toEqual([]);
    },
  );

  it.skipIf(target.skip)(
    "lets another process finish a login, and says sso_failed when the provider refuses the client",
    async () => {
      // A second port on the same database, as a second API process would have: nothing is kept in memory.
      const failures: unknown[] = [];
      const other = createSso({
        store: opened.store,
        members: createMembers(opened.store, clock),
        clock,
        config: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: "not-the-secret", label: "Okta" },
        redirectUri: () => REDIRECT_URI,
        onFailure: (error) => failures.push(error),
      });
      const { state, query } = await login("ann");
      // The code exchange fails on the wrong client secret: no session, the page gets a code, the log gets the cause.
      expect(await other.finish(query, state)).toMatchObject({ ok: false, code: "sso_failed" });
      expect(failures).toHaveLength(1);

      const started = await other.start(undefined);
      const back = await throughProvider(new TestBrowser(), started.url, { login: "ann", until: REDIRECT_URI });
      expect(await sso.finish(Object.fromEntries(back.searchParams), started.state)).toMatchObject({ ok: true });
    },
  );

  it.skipIf(target.skip)("passes the provider's refusal on, and ends the login it belonged to", async () => {
    const { url, state } = await sso.start(undefined);
    const back = await throughProvider(new TestBrowser(), url, { login: "ann", until: REDIRECT_URI, abort: true });
    const query = Object.fromEntries(back.searchParams);
    expect(query.error).toBe("access_denied");
    expect(await sso.finish(query, state)).toMatchObject({ ok: false, code: "access_denied" });
    const [row] = await opened.store.sql.all<{ n: unknown }>("SELECT count(*) AS n FROM sso_logins WHERE state = ?", [
      state,
    ]);
    expect(Number(row?.n)).toBe(0);
  });
});

describe("single sign-on's configuration from the environment", () => {
  const base = { OVERTURE_OIDC_CLIENT_ID: "overture", OVERTURE_OIDC_CLIENT_SECRET: "s3cret" };
  it("is off without an issuer, and has a default button", () => {
    expect(ssoConfigFromEnv({ ...base })).toBeNull();
    expect(ssoConfigFromEnv({ ...base, OVERTURE_OIDC_ISSUER: "https://id.example.com" })).toEqual({
      issuer: "https://id.example.com",
      clientId: "overture",
      clientSecret: "s3cret",
      label: "Sign in with SSO",
    });
  });
  it("refuses half a configuration and plain http to another machine", () => {
    expect(() => ssoConfigFromEnv({ OVERTURE_OIDC_ISSUER: "https://id.example.com" })).toThrow(/CLIENT_ID/);
    expect(() => ssoConfigFromEnv({ ...base, OVERTURE_OIDC_ISSUER: "http://id.example.com" })).toThrow(/https/);
    expect(ssoConfigFromEnv({ ...base, OVERTURE_OIDC_ISSUER: "http://127.0.0.1:4000" })?.issuer).toBe(
      "http://127.0.0.1:4000",
    );
  });
});

describe("the path a login returns to", () => {
  it("is a path on this server, never another site", () => {
    expect(safeReturnPath("/#/journeys/j1?tab=x")).toBe("/#/journeys/j1?tab=x");
    for (const unsafe of [
      "//evil.example/",
      "/\\evil.example",
      "https://evil.example/",
      "journeys",
      "/a b",
      undefined,
    ]) {
      expect(safeReturnPath(unsafe), String(unsafe)).toBe("/");
    }
  });
});
