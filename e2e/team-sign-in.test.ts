import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, withScreenshotOnFailure } from "./browser.ts";
import {
  completeFirstRun,
  linkInEmail,
  OWNER,
  openPerson,
  signedInAs,
  signIn,
  signOut,
  startTeamServer,
  WAIT,
} from "./team-harness.ts";

const unavailable = browserUnavailable();

/**
 * Signing in to the editor in Chromium (issue 13), on the server as production runs it (no key handed out): the first
 * run creates the owner and opens the editor; signing out returns to the sign-in screen; a wrong password is said,
 * the right one opens the editor again, and a reload keeps the session.
 */
describe.skipIf(unavailable !== null)("team sign-in (browser)", () => {
  let server: Awaited<ReturnType<typeof startTeamServer>>;
  let person: Awaited<ReturnType<typeof openPerson>>;
  beforeAll(async () => {
    server = await startTeamServer("team-sign-in");
    person = await openPerson("owner");
  }, 180_000);
  afterAll(async () => {
    await person?.close();
    await server?.close();
  });

  it("creates the owner on the first run, signs out, refuses a wrong password and signs in with the right one", async () => {
    const { page } = person;
    await withScreenshotOnFailure(page, "team-sign-in", async () => {
      await page.goto(`${server.url}/`);
      await completeFirstRun(page, OWNER);
      // The owner is in the editor with a session: the journeys screen loaded through the API with the cookie.
      await page.getByRole("heading", { name: "Journeys" }).waitFor(WAIT);
      expect(await page.getByRole("form", { name: "First run" }).count()).toBe(0);

      await signOut(page, OWNER);
      // Signed out for real: the session cookie no longer opens the API.
      const status = await page.evaluate(async () => (await fetch("/v1/members")).status);
      expect(status).toBe(401);
      // Once the owner exists the first run is over: a reload shows the sign-in screen, not the first run.
      await page.reload();
      await page.getByRole("form", { name: "Sign in" }).waitFor(WAIT);

      await signIn(page, { email: OWNER.email, password: "not the password" });
      await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor(WAIT);
      expect(await page.getByRole("navigation", { name: "Workspace" }).count()).toBe(0);

      await signIn(page, OWNER);
      await signedInAs(page, OWNER);
      await page.reload();
      await signedInAs(page, OWNER);
      // The account menu says who and what the owner is.
      await page.getByRole("button", { name: /^Olga Owner/ }).click();
      const menu = page.getByRole("dialog", { name: "Account" });
      await menu.getByText(OWNER.email).waitFor(WAIT);
      await menu.getByText(/^owner in /).waitFor(WAIT);
    });
  });

  it("keeps the API key form one click away", async () => {
    const { page } = person;
    await withScreenshotOnFailure(page, "team-sign-in-key", async () => {
      await page.reload();
      await signOut(page, OWNER);
      await page.getByRole("button", { name: "Use an API key instead" }).click();
      await page.getByLabel("Secret key").fill(server.running.keys.secretKey);
      await page.getByRole("button", { name: "Open the editor" }).click();
      await page.getByRole("heading", { name: "Journeys" }).waitFor(WAIT);
      // With a key there is no account: no account menu.
      expect(await page.getByRole("button", { name: /^Olga Owner/ }).count()).toBe(0);
    });
  });

  it("resets a forgotten password by the emailed link, which signs in", async () => {
    const page = await person.context.newPage();
    await withScreenshotOnFailure(page, "team-sign-in-reset", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      const request = page.getByRole("form", { name: "Reset password" });
      await request.getByLabel("Email").fill(OWNER.email);
      await request.getByRole("button", { name: "Email me a link" }).click();
      await request
        .getByRole("status")
        .filter({ hasText: "a link to choose a new password is on its way" })
        .waitFor(WAIT);
      const link = await linkInEmail(server.mailbox, OWNER.email, "reset-password");
      await page.goto(link);
      const reset = page.getByRole("form", { name: "Reset password" });
      await reset.getByLabel("New password").fill("a brand new passphrase");
      await reset.getByRole("button", { name: "Set the new password" }).click();
      await signedInAs(page, OWNER);
      // The old password no longer works; the new one does.
      await signOut(page, OWNER);
      await signIn(page, OWNER);
      await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor(WAIT);
      await signIn(page, { email: OWNER.email, password: "a brand new passphrase" });
      await signedInAs(page, OWNER);
    });
    await page.close();
  });

  it("creates a workspace from the account menu, opens it, and switches back", async () => {
    const page = await person.context.newPage();
    await withScreenshotOnFailure(page, "team-sign-in-workspaces", async () => {
      // Still signed in from the password reset above (same browser, new tab).
      await page.goto(`${server.url}/`);
      await signedInAs(page, OWNER);
      const menu = page.getByRole("dialog", { name: "Account" });
      const openMenu = () => page.getByRole("button", { name: /^Olga Owner/ }).click();
      await openMenu();
      const first = (await menu.locator("[aria-current=true]").textContent())?.replace(/^✓\s*/, "") ?? "";
      await menu.getByRole("button", { name: "New workspace…" }).click();
      await menu.getByLabel("Workspace name").fill("Launch team");
      await menu.getByRole("button", { name: "Create" }).click();
      // The new workspace opens (the page reloads into it), with the owner as its owner and no journeys yet.
      await page.getByText("0 journeys, 0 active").waitFor(WAIT);
      await openMenu();
      await menu.locator("[aria-current=true]").filter({ hasText: "Launch team (owner)" }).waitFor(WAIT);
      // Back to the first: its journeys again.
      const back = first.replace(/\s*\((owner)\)$/, "");
      await menu.getByRole("button", { name: new RegExp(`^${back}`) }).click();
      await page.getByRole("button", { name: /^Olga Owner/ }).waitFor(WAIT);
      await openMenu();
      await menu.locator("[aria-current=true]").filter({ hasText: back }).waitFor(WAIT);
    });
    await page.close();
  });

  it("signs out everywhere: another tab's next call finds the session gone and shows the sign-in screen", async () => {
    const [one, two] = [await person.context.newPage(), await person.context.newPage()];
    await withScreenshotOnFailure(two, "team-sign-in-everywhere", async () => {
      for (const page of [one, two]) {
        await page.goto(`${server.url}/`);
        await signedInAs(page, OWNER);
      }
      await one.getByRole("button", { name: /^Olga Owner/ }).click();
      await one.getByRole("dialog", { name: "Account" }).getByRole("button", { name: "Sign out everywhere" }).click();
      await one.getByRole("form", { name: "Sign in" }).waitFor(WAIT);
      // The other tab still shows the editor until its next call, which the server refuses (401).
      await two.getByRole("link", { name: "Members" }).click();
      await two.getByRole("form", { name: "Sign in" }).waitFor(WAIT);
      // A single sign-on refusal comes back to the sign-in screen, said in words.
      await two.goto(`${server.url}/#/sign-in?sso_error=access_denied`);
      await two.reload();
      await two.getByRole("alert").filter({ hasText: "Your identity provider refused the sign-in." }).waitFor(WAIT);
    });
    await one.close();
    await two.close();
  });
});
