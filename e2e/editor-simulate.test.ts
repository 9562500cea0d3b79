import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createEmailService,
  createEmailTracking,
  createMailbox,
  createSmtpSender,
  startDevSmtpServer,
} from "@overture/channels";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_DIST, ONBOARDING_FILE } from "../packages/cli/src/commands/serve.ts";
import { readJourneyFile } from "../packages/cli/src/read-journey.ts";
import { largeJourney } from "../packages/editor/src/model/large-journey.fixture.ts";
import { browserUnavailable, installEditor, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const WAIT = { timeout: 30_000 };
const missingBrowser = browserUnavailable();

/**
 * Issue #4: simulating the onboarding draft from the editor, the canvas by keyboard, and the welcome email in the
 * block editor, in a real browser against the real server on a temporary SQLite folder.
 */
describe.skipIf(missingBrowser !== null)("editor: simulate, keyboard, email blocks (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let dataDir: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let journeyId: string;
  let largeId: string;
  let smtp: Awaited<ReturnType<typeof startDevSmtpServer>>;

  beforeAll(async () => {
    await installEditor(EDITOR_DIST);
    dataDir = await mkdtemp(join(tmpdir(), "overture-simulate-e2e-"));
    overture = await openOverture({ dataDir });
    const keys = await overture.workspaces.ensureDefault();
    const document = await readJourneyFile(ONBOARDING_FILE);
    journeyId = (await overture.journeys.create(keys.workspaceId, { name: "Customer onboarding", document })).id;
    largeId = (await overture.journeys.create(keys.workspaceId, { name: "Sixty steps", document: largeJourney(60) }))
      .id;
    // The email preview needs the email service; it sends nothing here, but its sender is the development SMTP server.
    smtp = await startDevSmtpServer(createMailbox({ file: join(dataDir, "mailbox.jsonl") }));
    const emailOptions = { from: "hello@overture.test", baseUrl: "http://localhost", signingSecret: "e2e-simulate" };
    const email = {
      service: createEmailService({
        ...emailOptions,
        customers: overture.customers,
        sender: createSmtpSender(smtp.url),
      }),
      tracking: createEmailTracking(emailOptions.signingSecret, overture),
    };
    server = await serve(overture, {
      port: 0,
      host: "127.0.0.1",
      editor: { distDir: EDITOR_DIST, localApiKey: keys.secretKey },
      email,
    });
    browser = await openBrowser();
    page = browser.page;
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    await openJourney(journeyId);
    await page.locator('[data-step-id="welcome-email"]').waitFor(WAIT);
  }, 120_000);

  /** A fresh page load of the editor on one journey. */
  async function openJourney(id: string) {
    await page.goto("about:blank");
    // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
    await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${id}`);
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    await overture?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("simulates the draft on 200 customers and shows a consistent funnel on the canvas, then clears it", async () => {
    await withScreenshotOnFailure(page, "editor-simulate", async () => {
      await page.getByRole("button", { name: "Simulate", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Simulate" });
      await dialog.getByLabel("Customers").fill("200");
      await dialog.getByLabel("Days").fill("30");
      await dialog.getByRole("button", { name: "Run simulation" }).click();
      const bar = page.getByRole("status", { name: "Simulation" });
      await bar
        .locator('[data-state="done"], :scope[data-state="done"]')
        .or(page.locator('.simulation-bar[data-state="done"]'))
        .first()
        .waitFor(WAIT);
      expect(await bar.textContent()).toContain("200 entered");

      const reached = async (stepId: string) =>
        Number(await page.locator(`[data-step-id="${stepId}"] .stats-source`).getAttribute("data-reached"));
      const figure = async (stepId: string, what: string) =>
        Number(
          (await page
            .locator(`[data-step-id="${stepId}"] .step-stats span`, { hasText: what })
            .locator("b")
            .textContent()) ?? "NaN",
        );
      expect(await reached("purchase")).toBe(200);
      expect(await page.locator('[data-step-id="purchase"] .stats-source').textContent()).toContain("Simulation");
      // Everyone who reached the wait for engagement is still waiting, went on by one of its two exits, or left there.
      const wait = "wait-for-engagement";
      const [waitReached, waiting, passed, exited] = [
        await reached(wait),
        await figure(wait, "waiting"),
        await figure(wait, "passed"),
        await figure(wait, "exited"),
      ];
      expect(waitReached).toBeGreaterThan(0);
      expect(waiting + passed + exited).toBe(waitReached);
      const edgeCount = async (exit: string) =>
        Number(
          (await page.locator(`[data-testid="rf__edge-${wait}:${exit}"] .react-flow__edge-text`).textContent())
            ?.split("·")
            .at(-1),
        );
      const [byEvent, byTimeout] = [await edgeCount("next"), await edgeCount("timeout")];
      expect(byEvent + byTimeout).toBe(passed);
      expect(await reached("follow-up-1")).toBe(byTimeout);
      if (process.env.E2E_SCREENSHOTS)
        await page.screenshot({ path: fileURLToPath(new URL("./screenshots/editor-simulated.png", import.meta.url)) });

      await bar.getByRole("button", { name: "Clear simulation" }).click();
      await page
        .locator(".stats-source")
        .first()
        .waitFor({ state: "detached", ...WAIT });
    });
  }, 120_000);

  it("moves between steps, opens, deletes and undoes by keyboard alone, and lists the shortcuts on ?", async () => {
    await withScreenshotOnFailure(page, "editor-keyboard", async () => {
      const focusedStep = () =>
        page.evaluate(
          () =>
            (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(".react-flow__node")?.dataset.id ??
            null,
        );
      const selected = (id: string) => page.locator(`[data-step-id="${id}"].selected`);
      await page.locator('[data-step-id="purchase"]').click();
      await selected("purchase").waitFor(WAIT);
      // Down follows the exits: purchase → welcome email → portal welcome; Tab goes on in reading order.
      await page.keyboard.press("ArrowDown");
      await selected("welcome-email").waitFor(WAIT);
      await page.keyboard.press("ArrowDown");
      await selected("portal-welcome").waitFor(WAIT);
      await page.keyboard.press("Tab");
      await selected("dashboard-hero").waitFor(WAIT);
      expect(await focusedStep()).toBe("dashboard-hero");
      await page.keyboard.press("ArrowUp");
      await selected("portal-welcome").waitFor(WAIT);
      // The step that has the keyboard shows a focus ring.
      const ring = await page
        .locator('[data-step-id="portal-welcome"]')
        .evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(ring).toBe("solid");

      // Enter opens the step's panel with the keyboard in its first field; Esc brings it back to the step.
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.closest(".side-panel") !== null, undefined, WAIT);
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => document.activeElement?.closest(".react-flow__node") !== null, undefined, WAIT);

      // Delete removes the step (its neighbours lose their link, a problem appears); Ctrl+Z brings it back.
      await page.keyboard.press("Delete");
      await page.locator('[data-step-id="portal-welcome"]').waitFor({ state: "detached", ...WAIT });
      await page.locator('[data-step-id="welcome-email"].has-problems').waitFor(WAIT);
      await page.keyboard.press("Control+z");
      await page.locator('[data-step-id="portal-welcome"]').waitFor(WAIT);
      await page.locator('[data-step-id="welcome-email"]:not(.has-problems)').waitFor(WAIT);

      // A palette item by keyboard: focused and Enter adds the step (and Ctrl+Z takes it away again).
      await page.getByRole("button", { name: "Goal", exact: true }).focus();
      await page.keyboard.press("Enter");
      await page.locator('[data-step-id="goal"]').waitFor(WAIT);
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      await page.keyboard.press("Control+z");
      await page.locator('[data-step-id="goal"]').waitFor({ state: "detached", ...WAIT });

      await page.keyboard.press("?");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await help.waitFor(WAIT);
      expect(await help.textContent()).toContain("Undo");
      await page.keyboard.press("Escape");
      await help.waitFor({ state: "detached", ...WAIT });
    });
  }, 60_000);

  it("holds a 60-step journey at 1280×800 with its simulated figures: no step overlaps another, the panel covers none", async () => {
    await withScreenshotOnFailure(page, "editor-60-steps", async () => {
      await openJourney(largeId);
      await page.locator('[data-step-id="done"]').waitFor({ state: "attached", ...WAIT });
      expect(await page.locator(".step-node").count()).toBe(60);
      await page.getByRole("button", { name: "Simulate", exact: true }).click();
      await page.getByRole("dialog", { name: "Simulate" }).getByLabel("Customers").fill("50");
      await page.getByRole("dialog", { name: "Simulate" }).getByRole("button", { name: "Run simulation" }).click();
      await page.locator('.simulation-bar[data-state="done"]').waitFor(WAIT);
      await page
        .locator(".stats-source")
        .nth(59)
        .waitFor({ state: "attached", ...WAIT });
      // Real boxes as the browser drew them (every node is rendered, on screen or not), figures included.
      const boxes = await page.locator(".step-node").evaluateAll((nodes) =>
        nodes.map((n) => {
          const r = n.getBoundingClientRect();
          return { id: (n as HTMLElement).dataset.stepId, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
      );
      const overlaps = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          .map((b) => `${a.id} × ${b.id}`),
      );
      expect(overlaps).toEqual([]);
      const canvas = await page.locator(".canvas").boundingBox();
      const panel = await page.locator(".side-panel").boundingBox();
      expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(panel!.x + 1);
      expect(canvas!.width).toBeGreaterThan(600);
      // The first step is on screen, readable, when the journey opens.
      const trigger = await page.locator('[data-step-id="start"]').boundingBox();
      expect(trigger!.y).toBeGreaterThanOrEqual(canvas!.y);
      expect(trigger!.x).toBeGreaterThanOrEqual(canvas!.x);
      expect(trigger!.x + trigger!.width).toBeLessThanOrEqual(canvas!.x + canvas!.width);
      if (process.env.E2E_SCREENSHOTS)
        await page.screenshot({ path: fileURLToPath(new URL("./screenshots/editor-60-steps.png", import.meta.url)) });
    });
  }, 90_000);

  it("edits the welcome email as blocks: the shipped email opens as blocks, blocks change the live preview and open again as blocks", async () => {
    await withScreenshotOnFailure(page, "editor-email-blocks", async () => {
      await openJourney(journeyId);
      await page.locator('[data-step-id="welcome-email"]').click();
      const panel = page.getByRole("region", { name: "Step settings" });
      const preview = page.frameLocator('iframe[title="Email preview"]');
      await preview.getByText("Open your portal").waitFor(WAIT);
      // The shipped onboarding email is stored as blocks, so it opens in the block editor (issue 15, defect 8).
      expect(await panel.getByRole("button", { name: "Blocks", exact: true }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      const blocks = panel.getByRole("list", { name: "Email blocks" });
      await blocks.waitFor(WAIT);
      expect(
        await blocks.locator(":scope > li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label"))),
      ).toEqual(["Heading block 1", "Text block 2", "Button block 3"]);
      await panel.getByRole("textbox", { name: "Heading" }).fill("Hello from the blocks, {{ customer.firstName }}");
      await preview.getByText("Hello from the blocks,").waitFor(WAIT);

      // A divider and the recommended items, then the button moved to the top: the preview follows the order.
      await panel.getByRole("button", { name: "+ Divider" }).click();
      await panel.getByRole("button", { name: "+ Recommended items" }).click();
      expect(await blocks.locator(":scope > li").count()).toBe(5);
      await panel.getByRole("button", { name: "Move button block 3 up" }).click();
      await panel.getByRole("button", { name: "Move button block 2 up" }).click();
      const order = async () => {
        const text = (await preview.locator("body").textContent()) ?? "";
        return (
          text.indexOf("Open your portal") >= 0 &&
          text.indexOf("Open your portal") < text.indexOf("Hello from the blocks")
        );
      };
      await expect.poll(order, WAIT).toBe(true);
      expect(await preview.locator("hr, p[style*='border-top']").count()).toBeGreaterThan(0);
      // Dragging works too: the recommended items dragged onto the first block go first.
      await blocks
        .getByRole("listitem", { name: "Recommended items block 5" })
        .dragTo(blocks.getByRole("listitem", { name: "Button block 1" }));
      await blocks.getByRole("listitem", { name: "Recommended items block 1" }).waitFor(WAIT);
      await blocks.getByRole("listitem", { name: "Button block 2" }).waitFor(WAIT);

      // Saved with its blocks: selected again, it opens as blocks, in the new order.
      await page.getByText("All changes saved").waitFor(WAIT);
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      await page.locator('[data-step-id="welcome-email"]').click();
      expect(await panel.getByRole("button", { name: "Blocks", exact: true }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      expect(
        await blocks.locator(":scope > li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label"))),
      ).toEqual(["Recommended items block 1", "Button block 2", "Heading block 3", "Text block 4", "Divider block 5"]);
      // The MJML view shows what the blocks made.
      await panel.getByRole("button", { name: "MJML", exact: true }).click();
      expect(await panel.getByRole("textbox", { name: /Body/ }).inputValue()).toContain(
        "{% for item in recommendations.items %}",
      );
    });
  }, 60_000);
});
