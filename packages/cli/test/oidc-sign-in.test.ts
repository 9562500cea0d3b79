import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@overture/runtime";
import { createMembers, type User } from "@overture/team";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
// The test provider lives beside @overture/team's tests, whose devDependency `oidc-provider` is.
import {
  startTestProvider,
  TestBrowser,
  type TestProvider,
  throughProvider,
} from "../../team/test/oidc-test-provider.ts";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

/**
 * Issue 13: single sign-on tested against a real OpenID provider (`oidc-provider` on 127.0.0.1), through `overture
 * serve` as an operator configures it (OVERTURE_OIDC_*) and a browser uses it: redirects followed by hand, cookies kept.
 */
describe("signing in with OpenID Connect through overture serve", () => {
  let provider: TestProvider;
  let running: RunningServe;
  let dataDir: string;
  let ann: User;
  let callback: string;

  /** A browser's whole login: /v1/sso/start, the provider's forms, then the callback; answers the callback's response. */
  async function signIn(browser: TestBrowser, login: string, options: { returnTo?: string; abort?: boolean } = {}) {
    const start = `${running.url}/v1/sso/start${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ""}`;
    const back = await throughProvider(browser, start, { login, until: callback, abort: options.abort });
    return { url: back, response: await browser.request(back) };
  }

  /** Where a refused login lands: the sign-in page's code and words. */
  function signInPage(response: Response) {
    expect(response.status).toBe(302);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith("/#/sign-in?")).toBe(true);
    const params = new URLSearchParams(location.slice("/#/sign-in?".length));
    return { code: params.get("sso_error"), message: params.get("sso_message") };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-oidc-"));
    provider = await startTestProvider({
      ann: { email: "ann@example.com", email_verified: true, name: "Ann" },
      zoe: { email: "zoe@example.com", email_verified: true, name: "Zoe" },
    });
    vi.stubEnv("OVERTURE_SECRET", "oidc-test-secret");
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OVERTURE_PUBLIC_URL", "");
    vi.stubEnv("OVERTURE_OIDC_ISSUER", provider.issuer);
    vi.stubEnv("OVERTURE_OIDC_CLIENT_ID", provider.clientId);
    vi.stubEnv("OVERTURE_OIDC_CLIENT_SECRET", provider.clientSecret);
    vi.stubEnv("OVERTURE_OIDC_LABEL", "Sign in with Acme ID");
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false, worker: false });
    // serve's redirect URI is its public URL's; the provider allows exactly it.
    callback = `${running.url.replace("127.0.0.1", "localhost")}/v1/sso/callback`;
    provider.allowRedirect(callback);
    const members = createMembers(running.overture.store, systemClock);
    ann = await members.createUser({ email: "ann@example.com", name: "Ann" });
    await members.putMember(running.keys.workspaceId, ann.id, "viewer");
  });
  afterAll(async () => {
    await running?.close();
    await provider?.close();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("says single sign-on is on, with the configured button", async () => {
    const answer = await fetch(`${running.url}/v1/sso`);
    expect(await answer.json()).toEqual({ enabled: true, label: "Sign in with Acme ID" });
  });

  it("signs an existing member in with a working overture_session cookie, and links the identity", async () => {
    const browser = new TestBrowser();
    const before = await fetch(`${running.url}/v1/journeys`);
    expect(before.status).toBe(401);

    const { response } = await signIn(browser, "ann", { returnTo: "/#/journeys" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/#/journeys");
    const session = browser.cookie(new URL(running.url), "overture_session");
    expect(session).toBeTruthy();
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/overture_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);

    const journeys = await fetch(`${running.url}/v1/journeys`, { headers: { cookie: `overture_session=${session}` } });
    expect(journeys.status).toBe(200);
    // The member's workspace is serve's default one, with its onboarding journey.
    expect(JSON.stringify(await journeys.json())).toContain("Customer onboarding");
    const account = await fetch(`${running.url}/v1/session`, { headers: { cookie: `overture_session=${session}` } });
    expect(account.status).toBe(200);
    expect(await account.json()).toMatchObject({ user: { email: "ann@example.com" }, workspace: { role: "viewer" } });

    const links = await running.overture.store.sql.all<{ subject: string; user_id: string }>(
      "SELECT subject, user_id FROM user_identities",
    );
    expect(links).toEqual([{ subject: "ann", user_id: ann.id }]);
  });

  it("signs the same person in by subject the second time, after their email changed at the provider", async () => {
    provider.accounts.set("ann", { email: "ann@acme.example", email_verified: true, name: "Ann" });
    const browser = new TestBrowser();
    const { response } = await signIn(browser, "ann");
    expect(response.headers.get("location")).toBe("/");
    const session = browser.cookie(new URL(running.url), "overture_session");
    const answer = await fetch(`${running.url}/v1/journeys`, { headers: { cookie: `overture_session=${session}` } });
    expect(answer.status).toBe(200);
  });

  it("refuses an email with no account, in plain words, and signs no one in", async () => {
    const browser = new TestBrowser();
    const { response } = await signIn(browser, "zoe");
    expect(signInPage(response)).toEqual({
      code: "no_account",
      message: "No Overture account for zoe@example.com — ask an admin to invite you.",
    });
    expect(browser.cookie(new URL(running.url), "overture_session")).toBeUndefined();
    // The refusal is a failed sign-in in the audit log, naming who tried and why (not a sign-in: it answered a 302).
    const audit = await fetch(`${running.url}/v1/audit?kind=session.sign_in_failed`, {
      headers: { authorization: `Bearer ${running.keys.secretKey}` },
    });
    const { entries } = (await audit.json()) as {
      entries: Array<{ actor: { name: string }; outcome: string; detail: unknown }>;
    };
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor: expect.objectContaining({ name: "zoe@example.com" }),
        outcome: "failure",
        detail: { code: "no_account" },
      }),
    );
  });

  it("lets an invited email in once invited, with the invited role", async () => {
    const members = createMembers(running.overture.store, systemClock);
    const workspaceId = running.keys.workspaceId;
    await members.invitations.create({ workspaceId, email: "zoe@example.com", role: "editor", invitedBy: ann.id });
    const browser = new TestBrowser();
    const { response } = await signIn(browser, "zoe");
    expect(response.headers.get("location")).toBe("/");
    const session = browser.cookie(new URL(running.url), "overture_session");
    const answer = await fetch(`${running.url}/v1/journeys`, { headers: { cookie: `overture_session=${session}` } });
    expect(answer.status).toBe(200);
    const zoe = await members.findUser("zoe@example.com");
    expect(zoe && (await members.roleIn(workspaceId, zoe.id))).toBe("editor");
  });

  it("refuses a replayed callback, a callback in another browser, and a forged state", async () => {
    const browser = new TestBrowser();
    const { url, response } = await signIn(browser, "ann");
    expect(response.headers.get("location")).toBe("/");

    // The same browser sends the same callback again (back button, or a stolen URL with the state cookie).
    const replay = new TestBrowser();
    replay.setCookie(url, "overture_sso", url.searchParams.get("state") ?? "");
    expect(signInPage(await replay.request(url)).code).toBe("invalid_state");

    // An attacker's own finished login, opened in the victim's browser (login CSRF): it never started that login.
    const attacker = new TestBrowser();
    const started = await throughProvider(attacker, `${running.url}/v1/sso/start`, { login: "ann", until: callback });
    const victim = new TestBrowser();
    const csrf = await victim.request(started);
    expect(signInPage(csrf).code).toBe("invalid_state");
    expect(victim.cookie(new URL(running.url), "overture_session")).toBeUndefined();

    // A state nobody issued, with a matching cookie.
    const forged = new URL(started);
    forged.searchParams.set("state", "forged-state");
    const forger = new TestBrowser();
    forger.setCookie(forged, "overture_sso", "forged-state");
    const answer = await forger.request(forged);
    expect(signInPage(answer).code).toBe("invalid_state");
    expect(answer.headers.getSetCookie().join("\n")).not.toContain("overture_session=");
  });

  it("lands on the sign-in page with the provider's access_denied", async () => {
    const browser = new TestBrowser();
    const { url, response } = await signIn(browser, "ann", { abort: true });
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect(signInPage(response)).toEqual({
      code: "access_denied",
      message: "Sign-in was cancelled or refused at your identity provider.",
    });
  });

  it("never redirects to another site after signing in", async () => {
    const browser = new TestBrowser();
    const { response } = await signIn(browser, "ann", { returnTo: "//evil.example/phish" });
    expect(response.headers.get("location")).toBe("/");
  });
});
