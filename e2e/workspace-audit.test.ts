import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const DRAFT = {
  schemaVersion: 1,
  name: "Welcome",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "user.signed_up" }, next: "done" },
    { id: "done", type: "exit" },
  ],
};

/** Issue 13, "Audit log": a journey draft changed shows in `#/audit` with who did it and its diff. */
describe.skipIf(unavailable !== null)("workspace: audit log (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await startWorkspaceHarness("audit");
    page = harness.page;
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("shows a draft saved with who saved it and what changed, filtered by kind", async () => {
    await withScreenshotOnFailure(page, "workspace-audit", async () => {
      const id = String((await harness.request("POST", "/v1/journeys", { name: "Welcome", document: DRAFT })).id);
      await harness.request("PUT", `/v1/journeys/${id}/draft`, { ...DRAFT, name: "Welcome, revised" });
      await harness.request("POST", "/v1/keys", { name: "Noise", scopes: ["read"] });

      await page.goto(harness.editorUrl("#/audit"));
      const table = page.locator("table.audit-table");
      await table.getByText("journey.draft_saved").waitFor(WAIT);
      expect(await table.getByText("key.created").count()).toBe(1);

      const filters = page.getByRole("form", { name: "Filter the audit log" });
      await filters.getByLabel("Kind").fill("journey.draft_saved");
      await filters.getByRole("button", { name: "Filter" }).click();
      await table.getByText("key.created").waitFor({ state: "detached", ...WAIT });
      const row = page.getByRole("row", { name: /journey\.draft_saved/ });
      expect(await row.textContent()).toContain("Secret key");
      expect(await row.textContent()).toContain(`journey ${id}`);

      await row.click();
      const changes = page.getByRole("region", { name: "Changes" });
      await changes.waitFor(WAIT);
      const text = (await changes.textContent()) ?? "";
      expect(text).toContain("name");
      expect(text).toContain('"Welcome"');
      expect(text).toContain('"Welcome, revised"');
      await snapshot(page, "workspace-audit-diff");
    });
  });
});
