import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningServe, startServe } from "../packages/cli/src/commands/serve.ts";
import { browserUnavailable, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

/**
 * The demo portal in a real browser against the server `npm start` runs (same start-up function, temp data dir, a
 * free port): sign in, buy, and watch the onboarding journey reach the customer.
 */
describe.skipIf(unavailable !== null)("demo portal (browser)", () => {
  let running: RunningServe;
  let dataDir: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  // The portal's Content-Security-Policy (issue 12, finding 11) must refuse nothing it does; checked after each test.
  const cspViolations: string[] = [];
  afterEach(() => expect(cspViolations).toEqual([]));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-e2e-"));
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: true });
    browser = await openBrowser();
    page = browser.page;
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("signs in, buys, and sees the welcome notification arrive live and the dashboard hero change", async () => {
    await withScreenshotOnFailure(page, "portal-purchase", async () => {
      await page.goto(`${running.url}/portal/`);
      await page.click("[data-testid=sign-in-ada]");
      await page.locator("[data-testid=signed-in-as]").filter({ hasText: "Ada Lovelace" }).waitFor(WAIT);
      // The inbox stream is connected: what is sent from now on arrives without a reload.
      await page.locator("[data-testid=live].on").waitFor(WAIT);
      const hero = page.locator("[data-testid=hero]");
      await page.locator("[data-testid=hero][data-source=default]").waitFor(WAIT);
      const defaultTitle = await page.locator("[data-testid=hero-title]").textContent();
      expect(await page.locator("[data-testid=unread-badge]").isHidden()).toBe(true);

      // Marks this page load: if anything reloaded the page, the mark would be gone.
      await page.evaluate(() => {
        (window as unknown as { loadMark: string }).loadMark = "before purchase";
      });
      await page.click("[data-testid=buy-pro]");

      await page.locator("[data-testid=unread-badge]").filter({ hasText: "1" }).waitFor(WAIT);
      await page.locator("[data-testid=hero][data-content-id=onboarding-hero]").waitFor(WAIT);
      expect(await hero.getAttribute("data-source")).toBe("assignment");
      expect(await page.locator("[data-testid=hero-title]").textContent()).not.toBe(defaultTitle);
      expect(await page.evaluate(() => (window as unknown as { loadMark?: string }).loadMark)).toBe("before purchase");

      await page.click("a[data-route=inbox]");
      const notification = page.locator("[data-testid=notification]").first();
      await notification.waitFor(WAIT);
      expect(await notification.textContent()).toContain("Welcome, Ada");
      expect(await notification.getAttribute("class")).toContain("unread");
      await notification.click();
      await page.locator("[data-testid=notification].read").waitFor(WAIT);
      await page.locator("[data-testid=unread-badge]").waitFor({ state: "hidden", ...WAIT });
    });
  });

  it("tracks how long an article of the library was read", async () => {
    await withScreenshotOnFailure(page, "portal-library", async () => {
      await page.click("a[data-route=library]");
      await page.click("[data-testid=content-first-steps]");
      await page.locator("[data-testid=article] h1").filter({ hasText: "Your first steps" }).waitFor(WAIT);
      await page.locator("[data-testid=reading-time]").filter({ hasText: "2 s" }).waitFor(WAIT);
      await page.click("a[data-route=library]");
      const viewed = await waitFor(async () => {
        const history = await running.overture.customers.history(running.keys.workspaceId, "ada");
        return history.recentEvents.find((e) => e.name === "content.viewed");
      });
      expect(viewed?.properties).toMatchObject({ contentId: "first-steps", topics: ["getting-started"] });
      expect(Number(viewed?.properties.dwellMs)).toBeGreaterThanOrEqual(1_500);
    });
  });

  it("lists the welcome email on /mailbox", async () => {
    const mailbox = await browser.context.newPage();
    await withScreenshotOnFailure(mailbox, "portal-mailbox", async () => {
      expect(await mailboxShows(mailbox, "Welcome aboard, Ada!")).toBe(true);
      expect(await mailbox.content()).toContain("ada@analytical.example");
    });
    await mailbox.close();
  });

  it("advances the demo clock a day, and the journey's next email goes out", async () => {
    await withScreenshotOnFailure(page, "portal-clock", async () => {
      const before = running.overture.clock.now();
      await page.click("[data-testid=advance-day]");
      await page.locator(".clock-offset").filter({ hasText: "+1 day" }).waitFor(WAIT);
      expect(running.overture.clock.now() - before).toBeGreaterThanOrEqual(86_400_000);
      const mailbox = await browser.context.newPage();
      expect(await mailboxShows(mailbox, "Ada, three things to do first")).toBe(true);
      await mailbox.close();
    });
  });

  /** Polls `read` until it gives something (the SDK sends events in small batches); undefined after the wait. */
  async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
    const until = Date.now() + WAIT.timeout;
    while (Date.now() < until) {
      const value = await read();
      if (value !== undefined) return value;
      await page.waitForTimeout(200);
    }
    return undefined;
  }

  /** Reloads /mailbox until it lists `subject` (the dispatcher sends within seconds); false after the wait. */
  async function mailboxShows(mailbox: Page, subject: string): Promise<boolean> {
    const until = Date.now() + WAIT.timeout;
    while (Date.now() < until) {
      await mailbox.goto(`${running.url}/mailbox`);
      if ((await mailbox.content()).includes(subject)) return true;
      await mailbox.waitForTimeout(300);
    }
    return false;
  }
});
