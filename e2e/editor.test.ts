import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR_DIST, ONBOARDING_FILE } from "../packages/cli/src/commands/serve.ts";
import { readJourneyFile } from "../packages/cli/src/read-journey.ts";
import { installEditor } from "./browser.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const WAIT = { timeout: 20_000 };

const missingBrowser = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`;
if (missingBrowser && process.env.CI)
  throw new Error(`The editor browser test needs Chromium in CI: ${missingBrowser}`);
if (missingBrowser) console.warn(`[e2e] skipping the editor browser test: ${missingBrowser}`);

/**
 * The journey editor in a real browser, against the real server in-process (the built editor at /, the API under
 * /v1, the secret key handed out on loopback) on a temporary SQLite folder with the onboarding journey published.
 */
describe.skipIf(missingBrowser !== null)("journey editor (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let secretKey: string;
  let stepCount: number;
  let dataDir: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  // The page's Content-Security-Policy (issue 12, finding 11) must not refuse anything the editor does.
  const cspViolations: string[] = [];

  beforeAll(async () => {
    await installEditor(EDITOR_DIST);
    dataDir = await mkdtemp(join(tmpdir(), "overture-editor-e2e-"));
    overture = await openOverture({ dataDir });
    const keys = await overture.workspaces.ensureDefault();
    secretKey = keys.secretKey;
    const document = await readJourneyFile(ONBOARDING_FILE);
    stepCount = (document as { steps: unknown[] }).steps.length;
    const journey = await overture.journeys.create(keys.workspaceId, { name: "Customer onboarding", document });
    await overture.journeys.publish(keys.workspaceId, journey.id);
    overture.engine.start();
    server = await serve(overture, {
      port: 0,
      host: "127.0.0.1",
      editor: { distDir: EDITOR_DIST, localApiKey: secretKey },
    });
    profile = await mkdtemp(join(tmpdir(), "overture-editor-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await overture?.close();
    for (const dir of [profile, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("opens the onboarding journey, adds and connects a step, fixes a problem, publishes, and shows live counts", async () => {
    await withScreenshot("editor-journey", async () => {
      // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
      await page.goto(server.url.replace("127.0.0.1", "localhost"));
      await page.getByRole("link", { name: "Customer onboarding" }).click();
      await page.locator('[data-step-id="welcome-email"]').waitFor(WAIT);
      expect(await page.locator(".step-node").count()).toBe(stepCount);
      expect(await page.locator('[data-step-id="wait-for-engagement"] .step-summary').textContent()).toMatch(
        /^Waits until .+, at most 7 days$/,
      );

      // A goal from the palette: nothing leads to it yet, so the journey has a problem and cannot be published.
      await page.getByRole("button", { name: "Goal", exact: true }).click();
      const goal = page.locator('[data-step-id="goal"]');
      await goal.waitFor(WAIT);
      await page.locator('[data-step-id="goal"].has-problems').waitFor(WAIT);
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      // Undo takes the step away, redo brings it back.
      await page.keyboard.press("Control+z");
      await goal.waitFor({ state: "detached", ...WAIT });
      await page.keyboard.press("Control+Shift+z");
      await goal.waitFor(WAIT);

      // A step dragged from the palette lands on the canvas; selected and deleted with the Delete key, it is gone.
      await page
        .getByRole("button", { name: "Wait", exact: true })
        .dragTo(page.locator(".react-flow__pane"), { targetPosition: { x: 120, y: 120 } });
      const dropped = page.locator('[data-step-id="wait"]');
      await dropped.waitFor(WAIT);
      await dropped.click();
      await page.keyboard.press("Delete");
      await dropped.waitFor({ state: "detached", ...WAIT });
      await page.getByRole("list", { name: "Problems" }).getByText("goal").first().waitFor(WAIT);
      expect(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled()).toBe(true);

      // Fix it on the canvas: recommendations email → goal → exit.
      await page.getByRole("button", { name: "Tidy layout" }).click();
      await page.locator(".react-flow__controls-fitview").click();
      await page.waitForTimeout(400);
      await drag(page, '[data-step-id="recommendations-email"] .handle-out', '[data-step-id="goal"] .handle-in');
      await drag(page, '[data-step-id="goal"] .handle-out', '[data-step-id="exit-engaged"] .handle-in');
      await page.locator('[data-step-id="goal"]:not(.has-problems)').waitFor(WAIT);
      await page.getByText("No problems: this journey can be published.").waitFor(WAIT);

      // Publish shows what changed from the running version, then asks.
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Publish" });
      await dialog.getByText("Steps added (1)").waitFor(WAIT);
      expect(await dialog.textContent()).toContain("Steps changed (1)");
      await dialog.getByRole("button", { name: "Publish" }).click();
      await page.getByText("Published version 2.").waitFor(WAIT);
      await page.getByText("All changes saved").waitFor(WAIT);

      // A purchase enters a customer into version 2; the canvas shows where they are within a few seconds.
      const response = await fetch(`${server.url}/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "purchase.completed", customerId: "ada", attributes: { firstName: "Ada" } }),
      });
      expect(response.status).toBeLessThan(300);
      await page.locator('[data-step-id="welcome-email"] .step-stats').getByText("1 passed").waitFor(WAIT);
      await page.locator('[data-step-id="wait-1d"] .step-stats').getByText("1 waiting").waitFor(WAIT);
      await page.getByRole("region", { name: "Figures" }).getByText("1Entered").waitFor(WAIT);
      // The customers at a step, and one customer's path with the reason for each move.
      await scrollTo(page, '[data-step-id="wait-1d"]');
      await page.locator('[data-step-id="wait-1d"]').click();
      await page.getByRole("button", { name: "ada" }).click();
      await page.getByText("Path of ada").waitFor(WAIT);
      expect(await page.locator(".path").textContent()).toContain("Welcome email: took 'next' because email queued");
      await scrollTo(page, '[data-step-id="welcome-email"]');
      await page.locator('[data-step-id="welcome-email"]').click();
      await page.getByText("Customers at this step").waitFor(WAIT);
      if (process.env.E2E_SCREENSHOTS)
        await page.screenshot({
          path: join(await mkdir(SCREENSHOTS, { recursive: true }).then(() => SCREENSHOTS), "editor-live.png"),
        });

      // An old version opens read-only: the first version has no goal step, and nothing can be added.
      await page.getByRole("combobox", { name: "Version" }).selectOption("1");
      await page.getByText("Version 1, read-only").waitFor(WAIT);
      await page.locator('[data-step-id="welcome-email"]').waitFor(WAIT);
      expect(await page.locator('[data-step-id="goal"]').count()).toBe(0);
      expect(await page.getByRole("button", { name: "Goal", exact: true }).isDisabled()).toBe(true);
      expect(cspViolations).toEqual([]);
    });
  });

  it("asks for the key on a server that hands none out (production), and keeps it for the tab in sessionStorage only", async () => {
    const production = await serve(overture, { port: 0, host: "127.0.0.1", editor: { distDir: EDITOR_DIST } });
    const tab = await context.newPage();
    const url = production.url.replace("127.0.0.1", "localhost");
    const stored = () =>
      tab.evaluate(() => ({
        session: sessionStorage.getItem("overture.apiKey"),
        local: localStorage.getItem("overture.apiKey"),
      }));
    try {
      await tab.goto(url);
      // A key an older editor left on disk is removed, not used (issue 12, finding 11).
      await tab.evaluate((key) => localStorage.setItem("overture.apiKey", key), secretKey);
      await tab.reload();
      // Members sign in (issue 13); the key form is one click away.
      await tab.getByRole("button", { name: "Use an API key instead" }).click();
      const field = tab.getByLabel("Secret key");
      await field.waitFor(WAIT);
      expect(await stored()).toEqual({ session: null, local: null });
      await field.fill(secretKey);
      await tab.getByRole("button", { name: "Open the editor" }).click();
      await tab.getByRole("link", { name: "Customer onboarding" }).waitFor(WAIT);
      expect(await stored()).toEqual({ session: secretKey, local: null });
      // The same tab stays signed in across a reload; another tab asks again.
      await tab.reload();
      await tab.getByRole("link", { name: "Customer onboarding" }).waitFor(WAIT);
      const other = await context.newPage();
      await other.goto(url);
      await other.getByRole("form", { name: "Sign in" }).waitFor(WAIT);
      await other.close();
    } finally {
      await tab.close();
      await production.close();
    }
  });

  async function withScreenshot(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }).catch(() => {});
      throw error;
    }
  }
});

type Box = { x: number; y: number; width: number; height: number };
/** True when the box's centre is on the canvas, clear of its edges (where a drag would scroll it). */
const wellInside = (b: Box, canvas: Box) =>
  Math.abs(b.x + b.width / 2 - (canvas.x + canvas.width / 2)) < canvas.width / 2 - 60 &&
  Math.abs(b.y + b.height / 2 - (canvas.y + canvas.height / 2)) < canvas.height / 2 - 60;

/** Scrolls the canvas (the wheel moves it) until the element is well inside it, as a marketer scrolls to a step. */
async function scrollTo(page: Page, selector: string): Promise<Box> {
  const canvas = (await page.locator(".react-flow").boundingBox()) as Box;
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  for (let i = 0; i < 30; i++) {
    const a = await page.locator(selector).boundingBox();
    if (!a) throw new Error(`cannot scroll to ${selector}: not on the page`);
    if (wellInside(a, canvas)) break;
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.wheel(a.x + a.width / 2 - centre.x, a.y + a.height / 2 - centre.y);
    await page.waitForTimeout(50);
  }
  return canvas;
}

/**
 * Drags with the mouse from the centre of one element to the centre of another, in small steps like a hand. A long
 * journey does not fit on the screen at a readable zoom: like a marketer, it first scrolls the canvas to the step it
 * drags from, then holds the pointer at the canvas's edge until the step it drags to comes into view.
 */
async function drag(page: Page, from: string, to: string): Promise<void> {
  const canvas = await scrollTo(page, from);
  const a = (await page.locator(from).boundingBox()) as Box;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 100; i++) {
    const b = await page.locator(to).boundingBox();
    if (!b) throw new Error(`cannot drag to ${to}: not on the page`);
    if (wellInside(b, canvas)) break;
    const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
    await page.mouse.move(
      clamp(b.x + b.width / 2, canvas.x + 8, canvas.x + canvas.width - 8),
      clamp(b.y + b.height / 2, canvas.y + 8, canvas.y + canvas.height - 8),
      { steps: 4 },
    );
    await page.waitForTimeout(50);
  }
  // Away from the edge first, so the canvas stops scrolling before the pointer goes to where the step now is.
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2, { steps: 4 });
  const b = (await page.locator(to).boundingBox()) as Box;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
