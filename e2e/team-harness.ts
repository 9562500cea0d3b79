import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMailbox, type Mailbox, startDevSmtpServer } from "@overture/channels";
import { createLogger } from "@overture/server";
import type { Page } from "playwright-core";
import { EDITOR_DIST, type RunningServe, startServe } from "../packages/cli/src/commands/serve.ts";
import { installEditor, openBrowser } from "./browser.ts";

/** Long enough for a cold page on a shared two-core machine. */
export const WAIT = { timeout: 20_000 };

/** A journey any workspace can publish: a trigger, one portal notification, the end. */
export const SMALL_JOURNEY = {
  schemaVersion: 1,
  name: "Team welcome",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: "hello",
      position: { x: 0, y: 0 },
    },
    {
      id: "hello",
      type: "notification",
      title: "Welcome",
      body: "Glad you are here.",
      next: "done",
      position: { x: 0, y: 140 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 280 } },
  ],
};

/**
 * The server `overture serve` runs in production (no --demo: no key handed to the editor, members sign in), on a fresh
 * SQLite folder, with the editor built where it serves it from, and SMTP_URL set to a development SMTP server on
 * loopback whose mailbox the test reads (the invitation and reset emails). The build keeps the folder's other files:
 * the team tests build at the same time, and hashed asset names make their outputs the same files.
 */
export async function startTeamServer(
  name: string,
): Promise<{ running: RunningServe; url: string; mailbox: Mailbox; close(): Promise<void> }> {
  await installEditor(EDITOR_DIST);
  const dataDir = await mkdtemp(join(tmpdir(), `overture-${name}-e2e-`));
  const mailbox = createMailbox();
  const smtp = await startDevSmtpServer(mailbox);
  const before = process.env.SMTP_URL;
  process.env.SMTP_URL = smtp.url;
  try {
    const running = await startServe({
      port: 0,
      host: "127.0.0.1",
      dataDir,
      demo: false,
      log: () => {},
      logger: createLogger({ level: "warn" }),
    });
    return {
      running,
      // localhost, as the emailed links name it (Overture prints it so): the session cookie is per host.
      url: running.url.replace("127.0.0.1", "localhost"),
      mailbox,
      async close() {
        await running.close();
        await smtp.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    if (before === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = before;
  }
}

/** The link in the latest email to `to` whose text matches `route` (`#/invitations/…`), waiting for it to arrive. */
export async function linkInEmail(mailbox: Mailbox, to: string, route: string): Promise<string> {
  const matches = (m: { to: string[]; text: string }) => m.to.includes(to) && m.text.includes(`#/${route}/`);
  const message = mailbox.list().find(matches) ?? (await mailbox.next(matches, 15_000));
  const link = new RegExp(`(https?://\\S+#/${route}/\\S+)`).exec(message.text)?.[1];
  if (!link) throw new Error(`no #/${route}/ link in the email to ${to}`);
  return link;
}

/** A Chromium page of its own (a person of the test), reporting page errors on the test's console. */
export async function openPerson(name: string) {
  const browser = await openBrowser();
  browser.page.on("pageerror", (error) => console.error(`[page ${name}] ${error.message}`));
  return browser;
}

/** A person's account, as the forms ask for it. */
export type Person = { name: string; email: string; password: string };

/** The workspace's owner in the team e2e files, created by the first-run screen. */
export const OWNER: Person = { name: "Olga Owner", email: "olga@acme.test", password: "correct horse battery staple" };

/** Fills the first-run screen (the owner of the server's workspace), then waits for the editor to open. */
export async function completeFirstRun(page: Page, owner: Person): Promise<void> {
  const form = page.getByRole("form", { name: "First run" });
  await form.waitFor(WAIT);
  await form.getByLabel("Your name").fill(owner.name);
  await form.getByLabel("Email").fill(owner.email);
  await form.getByLabel("Password").fill(owner.password);
  await form.getByRole("button", { name: "Create the owner and open the editor" }).click();
  await signedInAs(page, owner);
}

/** Signs in on the sign-in screen (the page must show it). */
export async function signIn(page: Page, person: Pick<Person, "email" | "password">): Promise<void> {
  const form = page.getByRole("form", { name: "Sign in" });
  await form.waitFor(WAIT);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Password").fill(person.password);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Waits until the top bar's account menu names the person: the editor is open with their session. */
export async function signedInAs(page: Page, person: Pick<Person, "name">): Promise<void> {
  await page.getByRole("navigation", { name: "Workspace" }).waitFor(WAIT);
  await page.getByRole("button", { name: new RegExp(`^${person.name}`) }).waitFor(WAIT);
}

/** Signs out through the account menu, and waits for the sign-in screen. */
export async function signOut(page: Page, person: Pick<Person, "name">): Promise<void> {
  await page.getByRole("button", { name: new RegExp(`^${person.name}`) }).click();
  await page.getByRole("dialog", { name: "Account" }).getByRole("button", { name: "Sign out", exact: true }).click();
  await page.getByRole("form", { name: "Sign in" }).waitFor(WAIT);
}

/**
 * One API call from the page, as the editor makes it: the session cookie, its CSRF token (read from GET /v1/session)
 * and the workspace the session is in. Throws on a refusal.
 */
export async function callAsPage(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/v1/session")).json()) as Record<string, unknown>;
      const inner = (session.session ?? session) as { csrfToken?: string; workspace?: { id?: string } | string };
      const workspace = typeof inner.workspace === "string" ? inner.workspace : inner.workspace?.id;
      const response = await fetch(path, {
        method,
        headers: {
          "content-type": "application/json",
          "x-csrf-token": inner.csrfToken ?? "",
          ...(workspace ? { "x-overture-workspace": workspace } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  );
}
