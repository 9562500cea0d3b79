import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

/** A journey whose email step sends the saved template `renewal-reminder`. */
const RENEWALS = {
  schemaVersion: 1,
  name: "Renewals",
  settings: { reentry: "always" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Renewal due",
      trigger: { type: "event", event: "subscription.renewal_due" },
      next: "remind",
      position: { x: 0, y: 0 },
    },
    {
      id: "remind",
      type: "email",
      name: "Reminder email",
      templateId: "renewal-reminder",
      next: "done",
      position: { x: 0, y: 200 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 400 } },
  ],
};

/** Issue 15, the workspace: `#/templates`, saved email templates edited with the email step's block editor and preview. */
describe.skipIf(unavailable !== null)("workspace: email templates (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await startWorkspaceHarness("templates");
    page = harness.page;
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("creates a template, edits its blocks with a live preview, saves it and reopens it as blocks", async () => {
    await withScreenshotOnFailure(page, "workspace-templates-edit", async () => {
      await page.goto(harness.editorUrl("#/templates"));
      await page.getByRole("heading", { name: "Email templates" }).waitFor(WAIT);
      await page.getByText("No templates yet").waitFor(WAIT);
      await page.getByLabel("New template name").fill("Renewal reminder");
      await page.getByRole("button", { name: "Create template" }).click();
      await page.getByRole("heading", { name: "Renewal reminder" }).waitFor(WAIT);
      expect(page.url()).toContain("#/templates/renewal-reminder");

      const subject = page.getByLabel("Subject");
      await subject.fill("Your plan renews soon, {{ customer.firstName | default: 'there' }}");
      const heading = page
        .getByRole("listitem", { name: "Heading block 1" })
        .getByRole("textbox", { name: "Heading", exact: true });
      await heading.fill("Your renewal is coming up");
      await page.getByRole("button", { name: "+ Text" }).click();
      await page
        .getByRole("listitem", { name: "Text block 4" })
        .getByRole("textbox", { name: "Text", exact: true })
        .fill("Nothing to do: it renews by itself.");
      // The preview renders what was typed, a moment later.
      const frame = page.frameLocator('iframe[title="Email preview"]');
      await frame.getByText("Your renewal is coming up").waitFor(WAIT);
      await frame.getByText("Nothing to do: it renews by itself.").waitFor(WAIT);
      await page.getByTestId("preview-subject").getByText("Your plan renews soon").waitFor(WAIT);
      await page.getByText("Unsaved changes").waitFor(WAIT);
      await page.evaluate(() => scrollTo(0, 0));
      await snapshot(page, "workspace-templates-editor");
      await page.getByRole("button", { name: "Save template" }).click();
      await page.getByText("All changes saved").waitFor(WAIT);

      await page.reload();
      await page.getByRole("heading", { name: "Renewal reminder" }).waitFor(WAIT);
      // It opens as blocks again, with what was typed.
      expect(await page.getByRole("button", { name: "Blocks" }).getAttribute("aria-pressed")).toBe("true");
      expect(
        await page
          .getByRole("listitem", { name: "Heading block 1" })
          .getByRole("textbox", { name: "Heading", exact: true })
          .inputValue(),
      ).toBe("Your renewal is coming up");
      expect(
        await page
          .getByRole("listitem", { name: "Text block 4" })
          .getByRole("textbox", { name: "Text", exact: true })
          .inputValue(),
      ).toBe("Nothing to do: it renews by itself.");
      await page.getByText("No journey sends this template yet").waitFor(WAIT);
    });
  });

  it("shows a template error at its field, and saves nothing until it is fixed", async () => {
    await withScreenshotOnFailure(page, "workspace-templates-error", async () => {
      await page.goto(harness.editorUrl("#/templates/renewal-reminder"));
      const subject = page.getByLabel("Subject");
      await subject.waitFor(WAIT);
      await subject.fill("Hello {{ customer.firstName }");
      await page.getByRole("button", { name: "Save template" }).click();
      const error = page.locator(".field.has-error").filter({ has: page.getByLabel("Subject") });
      await error.locator(".field-error").waitFor(WAIT);
      expect(await error.locator(".field-error").textContent()).toMatch(/line 1/);
      await page.getByText("Unsaved changes").waitFor(WAIT);
      const saved = (await harness.request("GET", "/v1/email/templates/renewal-reminder")) as { subject: string };
      expect(saved.subject).toContain("Your plan renews soon");
    });
  });

  it("says where the template is used, and refuses to delete it while a live journey sends it", async () => {
    await withScreenshotOnFailure(page, "workspace-templates-used", async () => {
      const journey = await harness.request("POST", "/v1/journeys", { name: "Renewals", document: RENEWALS });
      await harness.request("POST", `/v1/journeys/${String(journey.id)}/publish`);
      await page.goto(harness.editorUrl("#/templates"));
      const row = page.getByRole("row", { name: /Renewal reminder/ });
      await row.getByText("1 journey").waitFor(WAIT);
      // The subject in words, not Liquid.
      expect(await row.textContent()).toContain("Your plan renews soon, [first name]");
      await snapshot(page, "workspace-templates-list");
      await row.getByRole("link", { name: "Renewal reminder" }).click();
      const uses = page.getByRole("region", { name: "Where it is used" });
      await uses.getByRole("link", { name: "Renewals" }).waitFor(WAIT);
      expect(await uses.textContent()).toContain("Reminder email");
      expect(await uses.textContent()).toContain("Live, v1");

      await page.getByRole("button", { name: "Delete", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Delete the template" });
      await dialog.waitFor(WAIT);
      expect(await dialog.textContent()).toContain('It cannot be deleted: "Renewals" sends it to customers now.');
      expect(await dialog.getByRole("button", { name: "Delete template" }).count()).toBe(0);
      await snapshot(page, "workspace-templates-delete-refused");
      await dialog.getByRole("button", { name: "Close" }).click();
      await harness.request("GET", "/v1/email/templates/renewal-reminder");
    });
  });

  it("warns when only drafts use a template, then deletes it when asked", async () => {
    await withScreenshotOnFailure(page, "workspace-templates-delete-draft", async () => {
      const body =
        "<mjml><mj-body><mj-section><mj-column><mj-text>Spare</mj-text></mj-column></mj-section></mj-body></mjml>";
      await harness.request("PUT", "/v1/email/templates/spare", { name: "Spare", subject: "Spare", body });
      const draft = {
        ...RENEWALS,
        name: "Draft only",
        steps: RENEWALS.steps.map((s) => (s.id === "remind" ? { ...s, templateId: "spare" } : s)),
      };
      await harness.request("POST", "/v1/journeys", { name: "Draft only", document: draft });
      await page.goto(harness.editorUrl("#/templates/spare"));
      const uses = page.getByRole("region", { name: "Where it is used" });
      await uses.getByText("Draft", { exact: true }).waitFor(WAIT);
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Delete the template" });
      await dialog.waitFor(WAIT);
      expect(await dialog.textContent()).toContain('The draft of "Draft only" still uses it');
      await dialog.getByRole("button", { name: "Delete template" }).click();
      await page.getByRole("heading", { name: "Email templates" }).waitFor(WAIT);
      expect(await page.getByRole("link", { name: "Spare" }).count()).toBe(0);
    });
  });
});
