import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

/** Issue 13, "Keys": `#/keys` creates a key shown once, lists it masked, and revokes it so the API refuses it. */
describe.skipIf(unavailable !== null)("workspace: API keys (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await startWorkspaceHarness("keys");
    page = harness.page;
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  const journeysWith = async (key: string) =>
    (await fetch(`${harness.apiUrl}/v1/journeys`, { headers: { authorization: `Bearer ${key}` } })).status;

  it("creates a key, shows it once, then lists it masked; revoked, the API refuses it", async () => {
    await withScreenshotOnFailure(page, "workspace-keys", async () => {
      await page.goto(harness.editorUrl("#/keys"));
      const form = page.getByRole("form", { name: "Create a key" });
      await form.getByLabel("Name").waitFor(WAIT);
      await form.getByLabel("Name").fill("Warehouse sync");
      await form.getByLabel("ingest").check();
      await form.getByRole("button", { name: "Create key" }).click();

      const once = page.getByRole("status", { name: "New key" });
      await once.waitFor(WAIT);
      expect(await once.textContent()).toContain("you will not see it again");
      const key = (await once.locator("code").textContent()) ?? "";
      expect(key).toMatch(/^ovt_k_/);
      expect(await once.getByRole("button", { name: "Copy" }).isVisible()).toBe(true);
      expect(await journeysWith(key)).toBe(200);
      await snapshot(page, "workspace-keys-once");

      await once.getByRole("button", { name: "Done" }).click();
      const row = page.getByRole("row", { name: /Warehouse sync/ });
      await row.waitFor(WAIT);
      expect(await row.textContent()).toContain(`ovt_k_…${key.slice(-4)}`);
      expect(await row.textContent()).toContain("read, ingest");
      expect(await page.content()).not.toContain(key);

      await row.getByRole("button", { name: "Revoke" }).click();
      await row.getByRole("button", { name: "Revoke key" }).click();
      await row.getByText("revoked", { exact: true }).waitFor(WAIT);
      expect(await journeysWith(key)).toBe(401);
      await snapshot(page, "workspace-keys-revoked");
    });
  });

  it("rotates a key with the overlap chosen: the new key shown once, the old one refused when the overlap is over", async () => {
    await withScreenshotOnFailure(page, "workspace-keys-rotate", async () => {
      const old = (await harness.request("POST", "/v1/keys", { name: "Nightly export", scopes: ["read"] })) as {
        key: string;
      };
      // The page may be on #/keys already (a same-document navigation): reload so the list is read again.
      await page.goto(harness.editorUrl("#/keys"));
      await page.reload();
      const row = page.getByRole("row", { name: /Nightly export/ }).filter({ hasText: "active" });
      await row.waitFor(WAIT);
      await row.getByLabel("Overlap").selectOption({ label: "no overlap" });
      await row.getByRole("button", { name: "Rotate" }).click();
      const once = page.getByRole("status", { name: "New key" });
      await once.waitFor(WAIT);
      const fresh = (await once.locator("code").textContent()) ?? "";
      expect(fresh).toMatch(/^ovt_k_/);
      expect(fresh).not.toBe(old.key);
      expect(await journeysWith(fresh)).toBe(200);
      expect(await journeysWith(old.key)).toBe(401);
      await page
        .getByRole("row", { name: /Nightly export/ })
        .filter({ hasText: "expired" })
        .waitFor(WAIT);
    });
  });
});
