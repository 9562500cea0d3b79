import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, withScreenshotOnFailure } from "./browser.ts";
import {
  completeFirstRun,
  openPerson,
  type Person,
  signedInAs,
  signIn,
  signOut,
  startTeamServer,
  WAIT,
} from "./team-harness.ts";

const unavailable = browserUnavailable();

const OWNER: Person = { name: "Olga Owner", email: "olga@acme.test", password: "correct horse battery staple" };

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
});
