import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RENEWAL_REMINDER } from "../packages/runtime/test/fixtures/renewal-reminder.ts";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { type EditorHarness, startEditorHarness } from "./editor-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 30_000 };
const SHARE = "Share who do Subscription renewal due";

/**
 * Issue 15, defect 3: a journey on an event the old synthetic customers never sent (a renewal reminder) is simulated
 * from the behaviours the Simulate dialog derives from it; when nobody enters, the result says why; the edited
 * behaviours are saved with the journey.
 */
describe.skipIf(unavailable !== null)("editor: simulate any journey (browser)", () => {
  let harness: EditorHarness;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    harness = await startEditorHarness("simulate-any");
    page = harness.page;
    const created = await harness.request("POST", "/v1/journeys", {
      name: "Renewal reminder",
      document: RENEWAL_REMINDER,
    });
    expect(created.status).toBe(201);
    journeyId = (created.body as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const bar = () => page.getByRole("status", { name: "Simulation" });
  const edgeCount = async (exit: string) =>
    Number(
      (await page.locator(`[data-testid="rf__edge-renewed:${exit}"] .react-flow__edge-text`).textContent())
        ?.split("·")
        .at(-1),
    );

  /** Opens the Simulate dialog, lets `edit` change it, runs it and waits for the result on the bar. */
  async function simulate(edit: (dialog: ReturnType<Page["getByRole"]>) => Promise<void> = async () => {}) {
    await page.getByRole("button", { name: "Simulate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Simulate" });
    await dialog.getByLabel("Customers (1–5,000)").fill("300");
    await dialog.getByLabel("Days").fill("10");
    await edit(dialog);
    await dialog.getByRole("button", { name: "Run simulation" }).click();
    await page.locator('.simulation-bar[data-state="done"]').waitFor(WAIT);
    return (await bar().textContent()) ?? "";
  }

  it("simulates a renewal reminder from its own behaviours, explains an empty run, and keeps the edits", async () => {
    await withScreenshotOnFailure(page, "editor-simulate-any", async () => {
      await page.goto(harness.editorUrl(`#/journeys/${journeyId}`));
      await page.locator('[data-step-id="renewed"]').waitFor(WAIT);

      // The dialog lists what the journey uses: the trigger event with its two filters, and the awaited renewal.
      await page.getByRole("button", { name: "Simulate", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Simulate" });
      const table = dialog.getByRole("table", { name: "Simulated events" });
      await table.waitFor(WAIT);
      expect(await dialog.getByLabel(SHARE).inputValue()).toBe("100");
      expect(await dialog.getByLabel("Share who do Subscription renewed").inputValue()).toBe("50");
      expect(await dialog.getByLabel("Subscription renewal due amount: from").inputValue()).toBe("24.99");
      expect(await dialog.getByLabel("Subscription renewal due plan: values").inputValue()).toBe("pro, team, other");
      await snapshot(page, "simulate-any-dialog");
      await dialog.getByRole("button", { name: "Cancel" }).click();

      const done = await simulate();
      const entered = Number(/Done: (\d+) entered/.exec(done)?.[1]);
      expect(entered).toBeGreaterThan(0);
      expect(entered).toBeLessThan(300);
      expect(done).not.toContain("Nobody entered");
      // Both exits of the wait for the renewal are taken.
      const [renewed, notRenewed] = [await edgeCount("next"), await edgeCount("timeout")];
      expect(renewed).toBeGreaterThan(0);
      expect(notRenewed).toBeGreaterThan(0);
      await snapshot(page, "simulate-any-done");
      await bar().getByRole("button", { name: "Clear simulation" }).click();

      const empty = await simulate(async (d) => {
        await d.getByLabel(SHARE).fill("0");
      });
      expect(empty).toContain("Done: 0 entered");
      expect(empty).toContain(
        'Nobody entered: the journey starts on "Subscription renewal due" and the simulated customers were set to never do it (0% of customers).',
      );
      await snapshot(page, "simulate-any-nobody");

      // Saved with the journey: after a reload the dialog shows the edited share.
      await page.getByText("All changes saved").waitFor(WAIT);
      await page.reload();
      await page.locator('[data-step-id="renewed"]').waitFor(WAIT);
      await page.getByRole("button", { name: "Simulate", exact: true }).click();
      expect(await page.getByRole("dialog", { name: "Simulate" }).getByLabel(SHARE).inputValue()).toBe("0");
      const draft = (await harness.request("GET", `/v1/journeys/${journeyId}`)).body as {
        draft: { settings: { simulation?: { events: unknown[] } } };
      };
      expect(draft.draft.settings.simulation?.events[0]).toMatchObject({ event: "subscription.renewal_due", share: 0 });
    });
  }, 180_000);
});
