import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, withScreenshotOnFailure } from "./browser.ts";
import {
  callAsPage,
  completeFirstRun,
  linkInEmail,
  OWNER,
  openPerson,
  type Person,
  SMALL_JOURNEY,
  signedInAs,
  signIn,
  signOut,
  startTeamServer,
  WAIT,
} from "./team-harness.ts";

const unavailable = browserUnavailable();

const EDDIE: Person = { name: "Eddie Editor", email: "eddie@acme.test", password: "eddie's long passphrase" };

/**
 * Members and roles in Chromium (issue 13): the owner invites an editor from the members screen; the invited person
 * opens the emailed link in a browser of their own, creates their account, signs in, and cannot publish; the owner
 * makes them a publisher, and they publish.
 */
describe.skipIf(unavailable !== null)("team members (browser)", () => {
  let server: Awaited<ReturnType<typeof startTeamServer>>;
  let owner: Awaited<ReturnType<typeof openPerson>>;
  let invitee: Awaited<ReturnType<typeof openPerson>>;
  beforeAll(async () => {
    server = await startTeamServer("team-members");
    owner = await openPerson("owner");
    invitee = await openPerson("invitee");
  }, 180_000);
  afterAll(async () => {
    await invitee?.close();
    await owner?.close();
    await server?.close();
  });

  /** Invites from the members screen; the emailed link. */
  async function invite(page: Page, email: string): Promise<string> {
    await page.goto(`${server.url}/#/members`);
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("editor");
    await form.getByRole("button", { name: "Invite" }).click();
    await form
      .getByRole("status")
      .filter({ hasText: `Invitation sent to ${email}.` })
      .waitFor(WAIT);
    const pending = page.getByRole("list", { name: "Pending invitations" });
    await pending.getByText(email).waitFor(WAIT);
    expect(await pending.textContent()).toMatch(/as editor · expires in 7 days · invited by Olga Owner/);
    return linkInEmail(server.mailbox, email, "invitations");
  }

  it("invites an editor who cannot publish, then makes them a publisher who can", async () => {
    await withScreenshotOnFailure(owner.page, "team-members-owner", async () => {
      await owner.page.goto(`${server.url}/`);
      await completeFirstRun(owner.page, OWNER);
      const journey = (await callAsPage(owner.page, "POST", "/v1/journeys", {
        name: SMALL_JOURNEY.name,
        document: SMALL_JOURNEY,
      })) as { id: string };
      const link = await invite(owner.page, EDDIE.email);
      expect(link.startsWith(`${server.url}/#/invitations/`)).toBe(true);

      await withScreenshotOnFailure(invitee.page, "team-members-invitee", async () => {
        const page = invitee.page;
        await page.goto(link);
        const form = page.getByRole("form", { name: "Accept invitation" });
        await form.getByRole("heading", { name: /^Join / }).waitFor(WAIT);
        expect(await form.textContent()).toContain(`${EDDIE.email} is invited as editor`);
        await form.getByLabel("Your name").fill(EDDIE.name);
        await form.getByLabel("Choose a password").fill(EDDIE.password);
        await form.getByRole("button", { name: "Create my account and join" }).click();
        await signedInAs(page, EDDIE);
        // Signs in again as themselves, with the account the invitation made.
        await signOut(page, EDDIE);
        await signIn(page, EDDIE);
        await signedInAs(page, EDDIE);

        const publish = page.getByRole("button", { name: "Publish", exact: true });
        await page.goto(`${server.url}/#/journeys/${journey.id}`);
        await publish.waitFor(WAIT);
        expect(await publish.isDisabled()).toBe(true);
        expect(await publish.getAttribute("title")).toMatch(/cannot publish/);
        // The invitation is used: no longer pending on the owner's screen.
        await owner.page.reload();
        const role = owner.page.getByRole("combobox", { name: `Role of ${EDDIE.email}` });
        await role.waitFor(WAIT);
        expect(await owner.page.getByRole("list", { name: "Pending invitations" }).count()).toBe(0);

        // The owner makes them a publisher. The only owner cannot be demoted: said on screen, with no role select.
        expect(await role.inputValue()).toBe("editor");
        const changed = owner.page.waitForResponse(
          (r) => r.url().includes("/v1/members/") && r.request().method() === "PUT",
        );
        await role.selectOption("publisher");
        expect((await changed).status()).toBe(200);
        await owner.page.getByText("The only owner: make someone else an owner first.").waitFor(WAIT);
        expect(await owner.page.getByRole("combobox", { name: `Role of ${OWNER.email}` }).count()).toBe(0);

        await page.reload();
        await publish.waitFor(WAIT);
        await expect.poll(() => publish.isDisabled(), WAIT).toBe(false);
        await publish.click();
        await page.getByRole("dialog", { name: "Publish" }).getByRole("button", { name: "Publish" }).click();
        const status = async () =>
          ((await callAsPage(page, "GET", `/v1/journeys/${journey.id}`)) as { status: string }).status;
        await expect.poll(status, WAIT).toBe("active");
      });
    });
  });
});
