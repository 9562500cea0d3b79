import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { type EditorHarness, startEditorHarness } from "./editor-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const WIN_BACK = {
  schemaVersion: 1,
  name: "Win-back",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "subscription.cancelled" },
      next: "show",
      position: { x: 0, y: 0 },
    },
    {
      id: "show",
      name: "Show the offer",
      type: "personalize",
      slot: "dashboard.hero",
      contentId: "win-back-offer",
      next: "done",
      position: { x: 0, y: 170 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 340 } },
  ],
};

/** Issue 15, the content screen: the library and slots, typed in, with errors at their field and where each is used. */
describe.skipIf(unavailable !== null)("workspace: content (browser)", () => {
  let harness: EditorHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await startEditorHarness("workspace-content");
    page = harness.page;
    const ok = (r: { status: number }) => expect(r.status).toBeLessThan(300);
    ok(
      await harness.request("POST", "/v1/content", {
        id: "crm",
        title: "Connect your CRM",
        summary: "Sync contacts both ways",
        url: "/library/crm",
        topics: ["integrations"],
      }),
    );
    ok(
      await harness.request("POST", "/v1/content", {
        id: "win-back-offer",
        title: "Win-back offer",
        summary: "A free month to come back",
        url: "/offers/win-back",
        type: "offer",
      }),
    );
    ok(
      await harness.request("PUT", "/v1/slots/dashboard.hero", {
        defaultContentId: "crm",
        description: "Top banner of the dashboard",
      }),
    );
    const journey = await harness.overture.journeys.create(harness.workspaceId, {
      name: "Win-back",
      document: WIN_BACK,
    });
    await harness.overture.journeys.publish(harness.workspaceId, journey.id);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const library = () => page.getByRole("table", { name: "Content library" });
  const row = (title: string) =>
    library()
      .getByRole("row")
      .filter({ has: page.getByRole("button", { name: title, exact: true }) });

  it("lists and searches the library, saying where each item is used", async () => {
    await withScreenshotOnFailure(page, "workspace-content-library", async () => {
      await page.goto(harness.editorUrl("#/content"));
      await library().waitFor(WAIT);
      expect(
        await page
          .getByRole("navigation", { name: "Workspace" })
          .getByRole("link", { name: "Content" })
          .getAttribute("aria-current"),
      ).toBe("page");
      expect(await row("Win-back offer").textContent()).toContain("Win-back");
      expect(await row("Connect your CRM").textContent()).toContain("Slot dashboard.hero");

      await row("Win-back offer").getByRole("button", { name: "Win-back offer" }).click();
      const uses = page.getByRole("list", { name: "Where this item is used" });
      await uses.waitFor(WAIT);
      expect(await uses.textContent()).toContain("Win-back › Show the offer (in slot dashboard.hero)live");
      expect(await uses.getByRole("link", { name: "Win-back" }).getAttribute("href")).toMatch(/^#\/journeys\//);
      await snapshot(page, "workspace-content-used");

      await page.getByLabel("Search content").fill("sync");
      expect(await library().locator("tbody tr").count()).toBe(1);
      await page.getByLabel("Search content").fill("");
    });
  });

  it("creates an item by typing, with a field error for a bad link and for a taken id", async () => {
    await withScreenshotOnFailure(page, "workspace-content-create", async () => {
      await page.goto(harness.editorUrl("#/content"));
      await page.getByRole("button", { name: "New content item" }).click();
      const form = page.getByRole("form", { name: "New content item" });
      await form.getByLabel("Title").fill("Pricing guide");
      expect(await form.getByLabel("Id").inputValue()).toBe("pricing-guide");
      await form.getByLabel("Summary").fill("What each plan includes");
      await form.getByLabel("Topics").fill("billing, pricing");
      await form.getByLabel("Link").fill("our pricing page");
      await form.getByRole("button", { name: "Add to library" }).click();
      const linkError = form.getByText("Enter an address starting with https:// or /.");
      await linkError.waitFor(WAIT);
      expect(await form.getByLabel("Link").getAttribute("aria-invalid")).toBe("true");
      await snapshot(page, "workspace-content-field-error");

      // The server's refusal lands at its field too: this id is taken.
      await form.getByLabel("Link").fill("/library/pricing");
      await form.getByLabel("Id").fill("crm");
      await form.getByRole("button", { name: "Add to library" }).click();
      await form.getByText("An item has this id already.").waitFor(WAIT);
      expect(await form.getByLabel("Id").getAttribute("aria-invalid")).toBe("true");

      await form.getByLabel("Id").fill("pricing-guide");
      await form.getByRole("button", { name: "Add to library" }).click();
      await row("Pricing guide").waitFor(WAIT);
      const stored = await harness.request("GET", "/v1/content/pricing-guide");
      expect(stored.body).toMatchObject({
        title: "Pricing guide",
        summary: "What each plan includes",
        url: "/library/pricing",
        topics: ["billing", "pricing"],
      });
      const edit = page.getByRole("form", { name: "Edit Pricing guide" });
      await edit.getByText("No journey or slot uses this item yet.").waitFor(WAIT);

      // Edit it: a clear title is refused at its field, a new summary is kept.
      await edit.getByLabel("Title").fill("");
      await edit.getByLabel("Summary").fill("Plans, prices and what each includes");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await edit.getByText("Give the item a title.").waitFor(WAIT);
      await edit.getByLabel("Title").fill("Pricing guide 2027");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await row("Pricing guide 2027").getByText("Plans, prices and what each includes").waitFor(WAIT);
      expect((await harness.request("GET", "/v1/content/pricing-guide")).body).toMatchObject({
        title: "Pricing guide 2027",
        topics: ["billing", "pricing"],
      });
    });
  });

  it("creates a slot by typing and picks its default content by title", async () => {
    await withScreenshotOnFailure(page, "workspace-content-slot", async () => {
      await page.goto(harness.editorUrl("#/content"));
      await library().waitFor(WAIT);
      await page.getByRole("tab", { name: /^Slots/ }).click();
      await page.getByRole("button", { name: "New slot" }).click();
      const form = page.getByRole("form", { name: "New slot" });
      await form.getByLabel("Name").fill("sidebar tip");
      await form.getByRole("button", { name: "Add slot" }).click();
      await form.getByText("Use letters, digits, '-', '_' or '.', e.g. dashboard.hero (no spaces).").waitFor(WAIT);
      await form.getByLabel("Name").fill("sidebar.tip");
      await form.getByLabel("Description").fill("Tip under the navigation");
      await form.getByLabel("Default content").selectOption({ label: "Connect your CRM" });
      await form.getByRole("button", { name: "Add slot" }).click();

      const slots = page.getByRole("table", { name: "Slots" });
      const added = slots.getByRole("row").filter({ hasText: "sidebar.tip" });
      await added.waitFor(WAIT);
      expect(await added.textContent()).toContain("Connect your CRM");
      expect((await harness.request("GET", "/v1/slots/sidebar.tip")).body).toMatchObject({
        defaultContentId: "crm",
        description: "Tip under the navigation",
      });

      await slots.getByRole("button", { name: "dashboard.hero" }).click();
      const uses = page.getByRole("list", { name: "Where this slot is used" });
      await uses.waitFor(WAIT);
      expect(await uses.textContent()).toContain("Win-back › Show the offer");
      await snapshot(page, "workspace-content-slots");
    });
  });
});
