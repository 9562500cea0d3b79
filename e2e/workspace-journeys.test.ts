import type { Overture } from "@overture/runtime";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNEY_TEMPLATES } from "../packages/editor/src/templates/journey-templates.ts";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { type EditorHarness, startEditorHarness } from "./editor-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const draft = (name: string) => ({
  schemaVersion: 1,
  name,
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: "done",
      position: { x: 0, y: 0 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 170 } },
  ],
});

/** Issue 15, the journeys screen: search, filter by status, tag and owner, file, duplicate, start from a template. */
describe.skipIf(unavailable !== null)("workspace: journeys (browser)", () => {
  let harness: EditorHarness;
  let page: Page;
  let overture: Overture;
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startEditorHarness("workspace-journeys");
    ({ page, overture, workspaceId } = harness);
    const make = async (
      name: string,
      options: { tags?: string[]; owner?: string; afterwards?: ("publish" | "pause" | "archive")[] } = {},
    ) => {
      const j = await overture.journeys.create(workspaceId, {
        name,
        document: draft(name),
        tags: options.tags,
        owner: options.owner,
      });
      for (const step of options.afterwards ?? []) await overture.journeys[step](workspaceId, j.id);
      return j;
    };
    await make("Spring sale", { tags: ["Promotions"], owner: "bo@example.com", afterwards: ["archive"] });
    await make("Trial ending", { tags: ["Billing"], owner: "ana@example.com", afterwards: ["publish", "pause"] });
    await make("Renewal reminder", { tags: ["Billing"], owner: "ana@example.com", afterwards: ["publish"] });
    await make("Welcome flow", { tags: ["Onboarding"] });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const table = () => page.getByRole("table", { name: "Journeys" });
  const names = async () => (await table().locator("tbody .journey-link").allTextContents()).sort();

  it("finds journeys by text, status, tag and owner, from #/ and #/journeys alike", async () => {
    await withScreenshotOnFailure(page, "workspace-journeys-filters", async () => {
      await page.goto(harness.editorUrl("#/"));
      await table().waitFor(WAIT);
      const nav = page.getByRole("navigation", { name: "Workspace" });
      expect(await nav.getByRole("link", { name: "Journeys" }).getAttribute("aria-current")).toBe("page");
      expect(await nav.getByRole("link").allTextContents()).toEqual([
        "Journeys",
        "Audiences",
        "Content",
        "Templates",
        "Deliveries",
        "Reports",
        "Approvals",
        "Settings",
        "Members",
        "Keys",
        "Audit log",
      ]);
      expect(await names()).toEqual(["Renewal reminder", "Spring sale", "Trial ending", "Welcome flow"]);
      await snapshot(page, "workspace-journeys");

      await page.getByLabel("Search journeys").fill("re");
      expect(await names()).toEqual(["Renewal reminder"]);
      await page.getByLabel("Search journeys").fill("ana@");
      expect(await names()).toEqual(["Renewal reminder", "Trial ending"]);
      await page.getByLabel("Search journeys").fill("");

      const status = page.getByRole("group", { name: "Status" });
      await status.getByRole("button", { name: /^Paused/ }).click();
      expect(await names()).toEqual(["Trial ending"]);
      await status.getByRole("button", { name: /^Archived/ }).click();
      expect(await names()).toEqual(["Spring sale"]);
      await status.getByRole("button", { name: /^Active/ }).click();
      expect(await names()).toEqual(["Renewal reminder"]);
      await status.getByRole("button", { name: /^All/ }).click();

      await page.getByLabel("Filter by tag").selectOption("Billing");
      expect(await names()).toEqual(["Renewal reminder", "Trial ending"]);
      await page.getByLabel("Filter by tag").selectOption("");
      await page.getByLabel("Filter by owner").selectOption({ label: "Nobody" });
      expect(await names()).toEqual(["Welcome flow"]);
      await page.getByLabel("Filter by owner").selectOption("");

      await page.goto(harness.editorUrl("#/journeys"));
      await table().waitFor(WAIT);
      expect(await names()).toHaveLength(4);
    });
  });

  it("files a journey under tags and an owner typed in the list", async () => {
    await withScreenshotOnFailure(page, "workspace-journeys-details", async () => {
      await page.goto(harness.editorUrl("#/journeys"));
      await page.getByRole("button", { name: "Edit details of Welcome flow" }).click();
      const form = page.getByRole("form", { name: "Details of Welcome flow" });
      await form.getByLabel("Tags, separated by commas").fill("Onboarding, Email");
      await form.getByLabel("Owner (a name or an email)").fill("cy@example.com");
      await snapshot(page, "workspace-journeys-details");
      await form.getByRole("button", { name: "Save details" }).click();
      await form.waitFor({ state: "detached", ...WAIT });
      const row = table().getByRole("row").filter({ hasText: "Welcome flow" });
      await row.getByText("cy@example.com").waitFor(WAIT);
      expect(await row.locator(".tag").allTextContents()).toEqual(["Onboarding", "Email"]);
      const stored = (await overture.journeys.list(workspaceId)).find((j) => j.name === "Welcome flow");
      expect(stored).toMatchObject({ tags: ["Onboarding", "Email"], owner: "cy@example.com" });
    });
  });

  it("duplicates a live journey as a draft copy", async () => {
    await withScreenshotOnFailure(page, "workspace-journeys-duplicate", async () => {
      await page.goto(harness.editorUrl("#/journeys"));
      await page.getByRole("button", { name: "Duplicate Renewal reminder" }).click();
      const copy = table()
        .getByRole("row")
        .filter({ has: page.getByRole("link", { name: "Renewal reminder (copy)" }) });
      await copy.waitFor(WAIT);
      expect(await copy.locator(".status").textContent()).toBe("draft");
      expect(await copy.locator(".tag").allTextContents()).toEqual(["Billing"]);
      const stored = (await overture.journeys.list(workspaceId)).find((j) => j.name === "Renewal reminder (copy)");
      expect(stored).toMatchObject({ status: "draft", currentVersion: null, owner: "ana@example.com" });
    });
  });

  it("starts from a template and lands in the editor with a draft that publishes", async () => {
    await withScreenshotOnFailure(page, "workspace-journeys-template", async () => {
      await page.goto(harness.editorUrl("#/journeys"));
      await page.getByRole("button", { name: "Start from a template" }).click();
      const gallery = page.getByRole("region", { name: "Start from a template" });
      expect(await gallery.getByRole("button").count()).toBe(5);
      await snapshot(page, "workspace-journeys-templates");
      await gallery.getByRole("button", { name: "Start from Renewal reminder" }).click();

      await page.locator('[data-step-id="wait-renewed"]').waitFor(WAIT);
      const id = decodeURIComponent(/#\/journeys\/([^/]+)$/.exec(page.url())?.[1] ?? "");
      expect(id).not.toBe("");
      await page.getByRole("button", { name: "Publish", exact: true }).waitFor(WAIT);
      expect(await page.locator(".problem-badge").count()).toBe(0);
      await page.getByText("No problems: this journey can be published.").waitFor(WAIT);
      await snapshot(page, "workspace-journeys-from-template");

      const checked = await harness.request("POST", `/v1/journeys/${encodeURIComponent(id)}/validate`);
      expect(checked.body).toMatchObject({ valid: true, problems: [] });
      expect((await harness.request("POST", `/v1/journeys/${encodeURIComponent(id)}/publish`)).status).toBe(201);
      expect(await overture.journeys.get(workspaceId, id)).toMatchObject({
        name: "Renewal reminder",
        tags: ["Billing"],
        status: "active",
      });
    });
  });

  it("every template but the blank one passes the server's checks (Liquid included) and publishes as it is", async () => {
    for (const template of JOURNEY_TEMPLATES.filter((t) => t.id !== "blank")) {
      const created = await harness.request("POST", "/v1/journeys", {
        name: template.name,
        document: template.document,
        tags: template.tags,
      });
      const id = encodeURIComponent((created.body as { id: string }).id);
      expect({
        template: template.id,
        ...((await harness.request("POST", `/v1/journeys/${id}/validate`)).body as object),
      }).toEqual({
        template: template.id,
        valid: true,
        problems: [],
      });
      expect((await harness.request("POST", `/v1/journeys/${id}/publish`)).status).toBe(201);
    }
  });
});
