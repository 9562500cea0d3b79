import {
  InvitationListSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MemberListSchema,
  SessionSchema,
  WorkspaceListSchema,
} from "@overture/api-contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type Browser, MEMBER_STORES, openMemberApp, tokenIn } from "./member-app.ts";
import { WELCOME_JOURNEY } from "./test-app.ts";

/** The answer is exactly what its schema declares: it parses, and parsing drops nothing. */
function conforms(schema: z.ZodType, body: unknown) {
  expect(schema.parse(body)).toEqual(body);
}

const DAY = 24 * 60 * 60 * 1000;

describe.each(MEMBER_STORES)("members and sign-in routes on $name", ({ name, skip }) => {
  let t: Awaited<ReturnType<typeof openMemberApp>>;
  const owner: Browser = { cookie: null, csrf: null };
  beforeAll(async () => {
    if (!skip) t = await openMemberApp(name);
  }, 60_000);
  afterAll(() => t?.close());

  it.skipIf(skip)("first run: creates the owner once, signed in with an HttpOnly SameSite cookie", async () => {
    expect((await t.call("GET", "/v1/setup")).body).toEqual({ needed: true });
    const setup = await t.call("POST", "/v1/setup", {
      as: owner,
      body: { email: "Olive@Example.com", name: "Olive", password: "olive's long password" },
    });
    expect(setup.status).toBe(201);
    conforms(SessionSchema, setup.body);
    expect(setup.setCookie).toMatch(/^overture_session=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1209600$/);
    expect(setup.body.user.email).toBe("olive@example.com");
    expect(setup.body.workspace).toEqual({ id: t.keys.workspaceId, name: "Default", role: "owner" });
    expect(setup.body.permissions).toContain("workspace.own");
    expect((await t.call("GET", "/v1/setup")).body).toEqual({ needed: false });
    const again = await t.call("POST", "/v1/setup", {
      body: { email: "mallory@example.com", name: "Mallory", password: "mallory's long password" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("setup_done");
    expect(await t.members.findUser("mallory@example.com")).toBeNull();
    // Over HTTPS (or with OVERTURE_COOKIE_SECURE=1) the cookie is Secure too.
    const secure = await t.call("POST", "/v1/session", {
      url: "https://overture.test/v1/session",
      body: { email: "olive@example.com", password: "olive's long password" },
    });
    expect(secure.setCookie).toMatch(/; Secure$/);
  });

  it.skipIf(skip)("signs in with one answer for a wrong email or password, and reads the session", async () => {
    const wrongPassword = await t.call("POST", "/v1/session", {
      body: { email: "olive@example.com", password: "not the password" },
    });
    const wrongEmail = await t.call("POST", "/v1/session", {
      body: { email: "nobody@example.com", password: "olive's long password" },
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(wrongEmail.body.error.message).toBe(wrongPassword.body.error.message);
    expect(wrongPassword.setCookie).toBeNull();
    // Only this server's pages sign in, and only as JSON (no login CSRF from a form on another site).
    const good = { email: "olive@example.com", password: "olive's long password" };
    const elsewhere = await t.call("POST", "/v1/session", { body: good, headers: { origin: "https://evil.example" } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe("cross_site_request");
    const form = await t.call("POST", "/v1/session", { body: good, headers: { "content-type": "text/plain" } });
    expect(form.status).toBe(415);
    const here = await t.call("POST", "/v1/session", { body: good, headers: { origin: "http://localhost" } });
    expect(here.status).toBe(200);

    const session = await t.call("GET", "/v1/session", { as: owner });
    expect(session.status).toBe(200);
    conforms(SessionSchema, session.body);
    expect(session.body.csrfToken).toBe(owner.csrf);
    expect((await t.call("GET", "/v1/session")).status).toBe(401);
    // A key has no session.
    expect((await t.call("GET", "/v1/session", { key: t.keys.secretKey })).status).toBe(403);
  });

  it.skipIf(skip)("asks a session's unsafe requests for the CSRF token", async () => {
    const create = (headers: Record<string, string> = {}) =>
      t.call("POST", "/v1/journeys", { as: owner, body: { name: "Welcome", document: WELCOME_JOURNEY }, headers });
    const without = await create({ "x-csrf-token": "" });
    expect(without.status).toBe(403);
    expect(without.body.error.problems[0].code).toBe("csrf");
    expect((await create({ "x-csrf-token": "someone else's token" })).status).toBe(403);
    expect((await create()).status).toBe(201);
  });

  it.skipIf(skip)("refuses a viewer's and an editor's session on publish, not a publisher's", async () => {
    const journey = await t.call("POST", "/v1/journeys", {
      as: owner,
      body: { name: "Publish me", document: WELCOME_JOURNEY },
    });
    const publish = (as: Browser) => t.call("POST", `/v1/journeys/${journey.body.id}/publish`, { as });
    const viewer = await t.member("vera@example.com", "viewer");
    const editor = await t.member("ed@example.com", "editor");
    const publisher = await t.member("pat@example.com", "publisher");
    const refused = await publish(viewer.browser);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("publisher");
    expect((await publish(editor.browser)).status).toBe(403);
    expect((await publish(publisher.browser)).status).toBe(201);
    // A viewer still reads.
    expect((await t.call("GET", "/v1/journeys", { as: viewer.browser })).status).toBe(200);
  });

  it.skipIf(skip)(
    "throttles failed sign-ins per email: 429 with Retry-After, even with the right password",
    async () => {
      await t.member("tess@example.com", "viewer");
      for (let i = 0; i < 10; i++) {
        const failed = await t.call("POST", "/v1/session", {
          body: { email: "tess@example.com", password: `guess ${i}` },
        });
        expect(failed.status).toBe(401);
      }
      const blocked = await t.call("POST", "/v1/session", {
        body: { email: "tess@example.com", password: "tess@example.com password" },
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
      // Another account is not locked by it.
      const other = await t.call("POST", "/v1/session", {
        body: { email: "vera@example.com", password: "vera@example.com password" },
      });
      expect(other.status).toBe(200);
    },
  );

  it.skipIf(skip)("signs out one session, or every session of the member", async () => {
    const { browser: first } = await t.member("sam@example.com", "editor");
    const second: Browser = { cookie: null, csrf: null };
    const third: Browser = { cookie: null, csrf: null };
    for (const b of [second, third]) {
      const signedIn = await t.call("POST", "/v1/session", {
        as: b,
        body: { email: "sam@example.com", password: "sam@example.com password" },
      });
      expect(signedIn.status).toBe(200);
    }
    const out = await t.call("DELETE", "/v1/session", { as: first });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/^overture_session=; .*Max-Age=0/);
    expect((await t.call("GET", "/v1/session", { headers: { cookie: `overture_session=${first.csrf}` } })).status).toBe(
      401,
    );
    expect((await t.call("GET", "/v1/session", { as: second })).status).toBe(200);
    const everywhere = await t.call("DELETE", "/v1/sessions", { as: second });
    expect(everywhere.body).toEqual({ signedOut: true, sessions: 2 });
    expect((await t.call("GET", "/v1/session", { as: third })).status).toBe(401);
  });

  it.skipIf(skip)("lets only owners make or remove owners, and never the last one", async () => {
    const admin = await t.member("ada@example.com", "admin");
    const listed = await t.call("GET", "/v1/members", { as: admin.browser });
    conforms(MemberListSchema, listed.body);
    const olive = listed.body.members.find((m: { email: string }) => m.email === "olive@example.com");
    const vera = listed.body.members.find((m: { email: string }) => m.email === "vera@example.com");
    expect(olive.role).toBe("owner");

    const put = (as: Browser, userId: string, role: string) =>
      t.call("PUT", `/v1/members/${userId}`, { as, body: { role } });
    expect((await put(admin.browser, vera.userId, "editor")).body.role).toBe("editor");
    expect((await put(admin.browser, vera.userId, "owner")).status).toBe(403);
    expect((await put(admin.browser, olive.userId, "admin")).status).toBe(403);
    expect((await t.call("DELETE", `/v1/members/${olive.userId}`, { as: admin.browser })).status).toBe(403);
    const last = await put(owner, olive.userId, "admin");
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("last_owner");
    expect((await t.call("DELETE", `/v1/members/${olive.userId}`, { as: owner })).body.error.code).toBe("last_owner");
    // With a second owner, the first may step down.
    expect((await put(owner, vera.userId, "owner")).body.role).toBe("owner");
    expect((await put(owner, olive.userId, "admin")).body.role).toBe("admin");
    // Olive is an admin now: she may no longer touch an owner's role, nor make herself owner again.
    expect((await put(owner, vera.userId, "viewer")).status).toBe(403);
    expect((await put(owner, olive.userId, "owner")).status).toBe(403);
    const restored = await t.members.changeRole(t.keys.workspaceId, olive.userId, "owner");
    expect(restored?.role).toBe("owner");
    expect((await t.call("DELETE", `/v1/members/${vera.userId}`, { as: owner })).body).toEqual({
      userId: vera.userId,
      removed: true,
    });
    expect((await t.call("DELETE", `/v1/members/${vera.userId}`, { as: owner })).status).toBe(404);
  });

  it.skipIf(skip)("creates workspaces, lists them, and switches with X-Overture-Workspace", async () => {
    t.clock.advance(1000);
    const created = await t.call("POST", "/v1/workspaces", { as: owner, body: { name: "Second brand" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Second brand", role: "owner" });
    const listed = await t.call("GET", "/v1/workspaces", { as: owner });
    conforms(WorkspaceListSchema, listed.body);
    expect(listed.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Default", "Second brand"]);
    const there: Browser = { ...owner, workspace: created.body.id };
    const members = await t.call("GET", "/v1/members", { as: there });
    expect(members.body.members.map((m: { email: string }) => m.email)).toEqual(["olive@example.com"]);
    expect((await t.call("GET", "/v1/session", { as: there })).body.workspace.name).toBe("Second brand");
    // Not a member there: refused, not silently swapped.
    const { browser: ed } = await t.member("eddie@example.com", "editor");
    expect((await t.call("GET", "/v1/journeys", { as: { ...ed, workspace: created.body.id } })).status).toBe(403);
  });

  it.skipIf(skip)(
    "invites by email: the link shows the invitation, accepting makes a member with the role",
    async () => {
      const sent = t.mailbox.next((m) => m.to.includes("nina@example.com"), 10_000);
      const invited = await t.call("POST", "/v1/invitations", {
        as: owner,
        body: { email: "Nina@Example.com", role: "publisher" },
      });
      expect(invited.status).toBe(201);
      conforms(InvitationSchema, invited.body);
      expect(invited.body).toMatchObject({ email: "nina@example.com", role: "publisher", emailed: true });
      expect(invited.body.expiresAt - invited.body.createdAt).toBe(7 * DAY);
      const email = await sent;
      expect(email.subject).toContain("Default");
      const token = tokenIn(email.text, "invitations");
      expect(email.text).toContain(`http://overture.test/#/invitations/`);
      const pending = await t.call("GET", "/v1/invitations", { as: owner });
      conforms(InvitationListSchema, pending.body);
      expect(pending.body.invitations.map((i: { email: string }) => i.email)).toEqual(["nina@example.com"]);

      const preview = await t.call("GET", `/v1/invitations/${token}`);
      conforms(InvitationPreviewSchema, preview.body);
      expect(preview.body).toMatchObject({
        workspaceName: "Default",
        role: "publisher",
        expired: false,
        hasAccount: false,
      });
      const nina: Browser = { cookie: null, csrf: null };
      const accepted = await t.call("POST", `/v1/invitations/${token}/accept`, {
        as: nina,
        body: { name: "Nina", password: "nina's long password" },
      });
      expect(accepted.status).toBe(200);
      conforms(SessionSchema, accepted.body);
      expect(accepted.body.workspace).toMatchObject({ id: t.keys.workspaceId, role: "publisher" });
      expect(nina.cookie).not.toBeNull();
      const again = await t.call("POST", `/v1/invitations/${token}/accept`, {
        body: { password: "another long password" },
      });
      expect(again.status).toBe(410);
      expect(again.body.error.code).toBe("invitation_expired");
      expect((await t.call("GET", "/v1/invitations", { as: owner })).body.invitations).toEqual([]);
      expect((await t.call("GET", "/v1/invitations/not-a-token")).status).toBe(404);
    },
  );

  it.skipIf(skip)("refuses an expired or revoked invitation, and lets only owners invite owners", async () => {
    const admin: Browser = { cookie: null, csrf: null };
    await t.call("POST", "/v1/session", {
      as: admin,
      body: { email: "ada@example.com", password: "ada@example.com password" },
    });
    expect(
      (await t.call("POST", "/v1/invitations", { as: admin, body: { email: "o2@example.com", role: "owner" } })).status,
    ).toBe(403);

    const sent = t.mailbox.next((m) => m.to.includes("late@example.com"), 10_000);
    await t.call("POST", "/v1/invitations", { as: admin, body: { email: "late@example.com", role: "editor" } });
    const token = tokenIn((await sent).text, "invitations");
    t.clock.advance(7 * DAY + 1);
    expect((await t.call("GET", `/v1/invitations/${token}`)).body.expired).toBe(true);
    const late = await t.call("POST", `/v1/invitations/${token}/accept`, {
      body: { password: "late's long password" },
    });
    expect(late.status).toBe(410);
    expect(await t.members.findUser("late@example.com")).toBeNull();

    const sentAgain = t.mailbox.next((m) => m.to.includes("rex@example.com"), 10_000);
    const revoked = await t.call("POST", "/v1/invitations", {
      as: admin,
      body: { email: "rex@example.com", role: "viewer" },
    });
    const revokedToken = tokenIn((await sentAgain).text, "invitations");
    expect((await t.call("DELETE", `/v1/invitations/${revoked.body.id}`, { as: admin })).body).toEqual({
      id: revoked.body.id,
      revoked: true,
    });
    expect((await t.call("GET", `/v1/invitations/${revokedToken}`)).status).toBe(410);
  });

  it.skipIf(skip)("joins a signed-in member only as the invited email, with the CSRF token", async () => {
    t.clock.advance(1000);
    const invite = async (email: string) => {
      const sent = t.mailbox.next((m) => m.to.includes(email), 10_000);
      const created = await t.call("POST", "/v1/invitations", { as: owner, body: { email, role: "editor" } });
      expect(created.status).toBe(201);
      return tokenIn((await sent).text, "invitations");
    };
    const workspace: Browser = { ...owner };
    const second = await t.call("POST", "/v1/workspaces", { as: owner, body: { name: "Third brand" } });
    workspace.workspace = second.body.id;
    // Edna is a viewer of the default workspace; invited to the new one, she accepts while signed in.
    const { browser: ed } = await t.member("edna@example.com", "viewer");
    const sent = t.mailbox.next((m) => m.to.includes("edna@example.com"), 10_000);
    await t.call("POST", "/v1/invitations", { as: workspace, body: { email: "edna@example.com", role: "admin" } });
    const token = tokenIn((await sent).text, "invitations");
    expect((await t.call("GET", `/v1/invitations/${token}`)).body.hasAccount).toBe(true);
    const noSession = await t.call("POST", `/v1/invitations/${token}/accept`, { body: {} });
    expect(noSession.status).toBe(401);
    const noCsrf = await t.call("POST", `/v1/invitations/${token}/accept`, {
      as: ed,
      body: {},
      headers: { "x-csrf-token": "" },
    });
    expect(noCsrf.status).toBe(403);
    const other = await t.call("POST", `/v1/invitations/${token}/accept`, { as: owner, body: {} });
    expect(other.status).toBe(403);
    t.clock.advance(1000);
    const joined = await t.call("POST", `/v1/invitations/${token}/accept`, { as: ed, body: {} });
    expect(joined.status).toBe(200);
    expect(joined.setCookie).toBeNull();
    expect(joined.body.workspace).toMatchObject({ id: second.body.id, name: "Third brand", role: "admin" });
    expect(joined.body.workspaces.map((w: { role: string }) => w.role)).toEqual(["viewer", "admin"]);
    // A new account needs a password; without one the invitation is not spent.
    const fresh = await invite("fred@example.com");
    const missing = await t.call("POST", `/v1/invitations/${fresh}/accept`, { body: { name: "Fred" } });
    expect(missing.status).toBe(400);
    expect((await t.call("GET", `/v1/invitations/${fresh}`)).status).toBe(200);
  });

  it.skipIf(skip)("resets a password by an emailed link that works once, and ends every other session", async () => {
    const unknown = await t.call("POST", "/v1/password-resets", { body: { email: "nobody@example.com" } });
    const sent = t.mailbox.next((m) => m.to.includes("pat@example.com"), 10_000);
    const known = await t.call("POST", "/v1/password-resets", { body: { email: "pat@example.com" } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    const email = await sent;
    expect(t.mailbox.list().some((m) => m.to.includes("nobody@example.com"))).toBe(false);
    const token = tokenIn(email.text, "reset-password");

    const before: Browser = { cookie: null, csrf: null };
    await t.call("POST", "/v1/session", {
      as: before,
      body: { email: "pat@example.com", password: "pat@example.com password" },
    });
    const short = await t.call("POST", "/v1/password-resets/confirm", { body: { token, password: "short" } });
    expect(short.body.error.code).toBe("invalid_password");
    const after: Browser = { cookie: null, csrf: null };
    const reset = await t.call("POST", "/v1/password-resets/confirm", {
      as: after,
      body: { token, password: "pat's brand new password" },
    });
    expect(reset.status).toBe(200);
    conforms(SessionSchema, reset.body);
    expect((await t.call("GET", "/v1/session", { as: after })).status).toBe(200);
    expect((await t.call("GET", "/v1/session", { as: before })).status).toBe(401);
    const twice = await t.call("POST", "/v1/password-resets/confirm", {
      body: { token, password: "yet another password" },
    });
    expect(twice.status).toBe(410);
    expect(twice.body.error.code).toBe("reset_expired");
    expect(
      (
        await t.call("POST", "/v1/session", {
          body: { email: "pat@example.com", password: "pat@example.com password" },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await t.call("POST", "/v1/session", {
          body: { email: "pat@example.com", password: "pat's brand new password" },
        })
      ).status,
    ).toBe(200);

    // A link is good for one hour.
    const later = t.mailbox.next((m) => m.to.includes("pat@example.com"), 10_000);
    await t.call("POST", "/v1/password-resets", { body: { email: "pat@example.com" } });
    const lateToken = tokenIn((await later).text, "reset-password");
    t.clock.advance(60 * 60 * 1000 + 1);
    const expired = await t.call("POST", "/v1/password-resets/confirm", {
      body: { token: lateToken, password: "too late a password" },
    });
    expect(expired.status).toBe(410);

    // A third link in the hour still goes; a fourth is not sent, with the same answer.
    const third = t.mailbox.next((m) => m.to.includes("pat@example.com"), 10_000);
    await t.call("POST", "/v1/password-resets", { body: { email: "pat@example.com" } });
    await third;
    // Each link sent is a row first; the fourth request makes none (so no email can follow it).
    const links = async () =>
      Number((await t.overture.store.sql.all<{ n: unknown }>("SELECT count(*) AS n FROM password_resets"))[0]?.n);
    const linksBefore = await links();
    const fourth = await t.call("POST", "/v1/password-resets", { body: { email: "PAT@example.com" } });
    expect(fourth.body).toEqual({ requested: true });
    expect(await links()).toBe(linksBefore);
    expect(t.unexpected).toEqual([]);
  });
});
