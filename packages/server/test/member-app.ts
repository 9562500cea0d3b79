import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMailbox, createSmtpSender, type Mailbox, startDevSmtpServer } from "@overture/channels";
import { openOverture, VirtualClock } from "@overture/runtime";
import { createMembers, type Members, SESSION_COOKIE, smtpAccountMailer } from "@overture/team";
import { createTestSchema, postgresAvailable, testDatabaseUrl } from "@overture/testkit";
import { createApp } from "../src/index.ts";
import { T0 } from "./test-app.ts";

const pgUrl = testDatabaseUrl();
const pgUp = await postgresAvailable(pgUrl);
if (!pgUp) console.warn(`PostgreSQL is not reachable at ${pgUrl}: the member route tests on it are skipped.`);

/** The stores the member routes are tested on: SQLite, and PostgreSQL unless unreachable (then skipped, saying so). */
export const MEMBER_STORES = [
  { name: "sqlite" as const, skip: false as const },
  { name: "postgres" as const, skip: pgUp ? (false as const) : `no PostgreSQL at ${pgUrl}` },
];

/** A browser of one person: keeps the session cookie and the CSRF token between calls. */
export type Browser = {
  cookie: string | null;
  csrf: string | null;
  workspace?: string;
};

/**
 * The app with members on a real store under virtual time (invitations and resets expire by it), account emails going
 * through a real SMTP server on loopback into the development mailbox.
 */
export async function openMemberApp(target: "sqlite" | "postgres") {
  const dataDir = await mkdtemp(join(tmpdir(), "overture-members-"));
  const schema = target === "postgres" ? await createTestSchema(pgUrl) : null;
  const clock = new VirtualClock(T0);
  const overture = await openOverture(schema ? { databaseUrl: schema.url, clock } : { dataDir, clock });
  const keys = await overture.workspaces.ensureDefault();
  const mailbox: Mailbox = createMailbox();
  const smtp = await startDevSmtpServer(mailbox);
  const sender = createSmtpSender(smtp.url, null);
  const members: Members = createMembers(overture.store, clock, {
    mailer: smtpAccountMailer(sender, "Overture <team@overture.localhost>"),
    publicUrl: () => "http://overture.test/",
  });
  const unexpected: unknown[] = [];
  const app = createApp(
    { ...overture, members, sessions: members.sessions },
    { onUnexpectedError: (error) => unexpected.push(error) },
  );

  /** Calls as `browser` (its cookie, CSRF token and workspace), or with `key`; updates the browser's cookie. */
  async function call(
    method: string,
    path: string,
    options: { as?: Browser; key?: string; body?: unknown; headers?: Record<string, string>; url?: string } = {},
  ) {
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    const b = options.as;
    if (b?.cookie) headers.cookie = `${SESSION_COOKIE}=${b.cookie}`;
    if (b?.csrf && !("x-csrf-token" in headers)) headers["x-csrf-token"] = b.csrf;
    if (b?.workspace) headers["x-overture-workspace"] = b.workspace;
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    const body = method === "GET" || options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await app.request(options.url ?? path, { method, headers, body });
    const setCookie = response.headers.get("set-cookie");
    if (b && setCookie?.startsWith(`${SESSION_COOKIE}=`)) {
      const value = setCookie.slice(SESSION_COOKIE.length + 1).split(";")[0] ?? "";
      b.cookie = value || null;
    }
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary answers
    const json: any = text ? JSON.parse(text) : null;
    if (b && response.ok && typeof json?.csrfToken === "string") b.csrf = json.csrfToken;
    return { status: response.status, body: json, headers: response.headers, setCookie };
  }

  /** Creates a user with a role in the default workspace and signs them in. */
  async function member(email: string, role: "owner" | "admin" | "publisher" | "editor" | "viewer") {
    const user = await members.createUser({ email, name: email.split("@")[0], password: `${email} password` });
    await members.putMember(keys.workspaceId, user.id, role);
    const browser: Browser = { cookie: null, csrf: null };
    const signedIn = await call("POST", "/v1/session", {
      as: browser,
      body: { email, password: `${email} password` },
    });
    if (signedIn.status !== 200) throw new Error(`sign-in of ${email}: ${JSON.stringify(signedIn.body)}`);
    return { user, browser };
  }

  return {
    app,
    overture,
    members,
    clock,
    keys,
    mailbox,
    unexpected,
    call,
    member,
    async close() {
      sender.close();
      await smtp.close();
      await overture.close();
      await schema?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The token at the end of an emailed editor link (`…/#/<route>/<token>`). */
export function tokenIn(text: string, route: string): string {
  const match = new RegExp(`/#/${route}/([A-Za-z0-9_%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${route} link in: ${text}`);
  return decodeURIComponent(match[1]);
}
