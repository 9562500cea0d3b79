import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, buildEditor, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };
/** The reader this test plays: a marketer in Paris with a British browser. */
const READER = { locale: "en-GB", timezoneId: "Europe/Paris" };

/** A published journey where a customer waits a day, so they can be found at a step. */
const WELCOME = {
  schemaVersion: 1,
  name: "Welcome",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "account.activated" },
      next: "wait-1d",
      position: { x: 0, y: 0 },
    },
    {
      id: "wait-1d",
      name: "Wait a day",
      type: "wait",
      wait: { type: "duration", duration: "1d" },
      next: "done",
      position: { x: 0, y: 170 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 340 } },
  ],
};

/**
 * Issue 15, defect 8: technical details shown to marketers. Step ids live under "Advanced"; a customer's path speaks
 * in names and in the reader's local time; content by title; templates' variables in words.
 */
describe.skipIf(unavailable !== null)("editor speaks in names, titles and local times (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let secretKey: string;
  const dirs: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    expect(response.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
  const open = (journeyId: string) =>
    page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${encodeURIComponent(journeyId)}`);

  beforeAll(async () => {
    // Its own build folder: the other editor tests build at the same time.
    const dist = await buildEditor("plain-words");
    const dataDir = await mkdtemp(join(tmpdir(), "overture-plain-words-e2e-"));
    dirs.push(dist, dataDir);
    overture = await openOverture({ dataDir });
    secretKey = (await overture.workspaces.ensureDefault()).secretKey;
    overture.engine.start();
    server = await serve(overture, { port: 0, host: "127.0.0.1", editor: { distDir: dist, localApiKey: secretKey } });
    // The library before anyone opens the editor (the editor keeps what it read for a few seconds).
    await call("POST", "/v1/content", {
      id: "setup-guide",
      title: "Set up in ten minutes",
      summary: "All about getting started.",
      url: "https://example.com/setup-guide",
      topics: ["getting-started"],
    });
    browser = await openBrowser(READER);
    page = browser.page;
    page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await overture?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("keeps the step id under a folded Advanced section", async () => {
    await withScreenshotOnFailure(page, "editor-plain-words-advanced", async () => {
      const created = await call("POST", "/v1/journeys", { name: "Advanced", document: WELCOME });
      await open(String(created.id));
      const panel = page.getByRole("region", { name: "Step settings" });
      await page.locator('[data-step-id="wait-1d"]').click();
      await panel.getByLabel("Name", { exact: true }).waitFor(WAIT);
      const stepId = panel.getByLabel("Step id", { exact: true });
      expect(await stepId.isVisible()).toBe(false);
      await panel.getByText("Advanced", { exact: true }).click();
      await stepId.waitFor({ state: "visible", ...WAIT });
      expect(await stepId.inputValue()).toBe("wait-1d");
    });
  });

  it("lists the customers at a step by name and shows their path in the reader's local time", async () => {
    await withScreenshotOnFailure(page, "editor-plain-words-path", async () => {
      const created = await call("POST", "/v1/journeys", { name: "Welcome", document: WELCOME });
      const journeyId = String(created.id);
      await call("POST", `/v1/journeys/${journeyId}/publish`);
      await call("PUT", "/v1/customers/c-1001", {
        attributes: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
      });
      await call("POST", "/v1/events", { name: "account.activated", customerId: "c-1001" });
      await open(journeyId);
      await page.locator('[data-step-id="wait-1d"] .step-stats').getByText("1 waiting").waitFor(WAIT);
      await page.locator('[data-step-id="wait-1d"]').click();

      const customer = page.getByRole("button", { name: "Ada Lovelace", exact: true });
      await customer.waitFor(WAIT);
      await page.locator(".customer-list").getByText("ada@example.com · c-1001").waitFor(WAIT);
      await customer.click();
      await page.locator(".panel-subtitle").getByText("Path of Ada Lovelace", { exact: false }).waitFor(WAIT);

      const history = (await call("GET", "/v1/customers/c-1001")) as {
        instances: { journeyId: string; enteredAt: number }[];
      };
      const entered = history.instances.find((i) => i.journeyId === journeyId)?.enteredAt ?? 0;
      // What a British reader in Paris expects: "4 Dec, 16:25" (the year only when it is another one).
      const sameYear = new Date(entered).getUTCFullYear() === new Date().getUTCFullYear();
      const words = new Intl.DateTimeFormat(READER.locale, {
        day: "numeric",
        month: "short",
        year: sameYear ? undefined : "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZone: READER.timezoneId,
      }).format(entered);
      const path = (await page.locator(".path").first().textContent()) ?? "";
      expect(path).toContain(`Entered v1 at ${words}`);
      // Steps by name, not id.
      expect(path).toContain("Wait a day: took 'waiting'");
      // No machine timestamps: neither ISO nor a numeric date with seconds.
      expect(path).not.toMatch(/\d{4}-\d\d-\d\dT|\d\d\/\d\d\/\d{4}|\d\d:\d\d:\d\d/);
    });
  });

  it("names content by its title in step summaries and in the picker, the id only as small print", async () => {
    await withScreenshotOnFailure(page, "editor-plain-words-content", async () => {
      const document = {
        schemaVersion: 1,
        name: "Guide",
        steps: [
          {
            id: "start",
            type: "trigger",
            trigger: { type: "event", event: "account.activated" },
            next: "show-guide",
            position: { x: 0, y: 0 },
          },
          {
            id: "show-guide",
            type: "personalize",
            slot: "dashboard.hero",
            contentId: "setup-guide",
            next: "done",
            position: { x: 0, y: 170 },
          },
          { id: "done", type: "exit", position: { x: 0, y: 340 } },
        ],
      };
      const created = await call("POST", "/v1/journeys", { name: "Guide", document });
      await open(String(created.id));
      const node = page.locator('[data-step-id="show-guide"]');
      await node
        .locator(".step-summary")
        .getByText("Shows 'Set up in ten minutes' in slot dashboard.hero")
        .waitFor(WAIT);
      await node.click();
      const panel = page.getByRole("region", { name: "Step settings" });
      await panel
        .locator(".step-panel-summary")
        .getByText("Shows 'Set up in ten minutes' in slot dashboard.hero")
        .waitFor(WAIT);
      const chosen = panel.getByRole("button", { name: /Set up in ten minutes/, pressed: true });
      await chosen.waitFor(WAIT);
      expect(await chosen.locator("strong").textContent()).toBe("Set up in ten minutes");
      expect(await chosen.locator(".content-id").textContent()).toBe("setup-guide");
      expect(await node.textContent()).not.toContain("'setup-guide'");
    });
  });

  it("says template variables in words in step summaries, not as raw Liquid", async () => {
    await withScreenshotOnFailure(page, "editor-plain-words-liquid", async () => {
      const document = {
        schemaVersion: 1,
        name: "Greetings",
        steps: [
          {
            id: "start",
            type: "trigger",
            trigger: { type: "event", event: "account.activated" },
            next: "welcome",
            position: { x: 0, y: 0 },
          },
          {
            id: "welcome",
            type: "email",
            subject: "Welcome aboard, {{ customer.firstName }}!",
            body: "<p>Hi</p>",
            next: "nudge",
            position: { x: 0, y: 170 },
          },
          {
            id: "nudge",
            type: "notification",
            title: "{{ customer.first_name | default: 'Hi' }}, your guide is ready",
            body: "See it.",
            next: "done",
            position: { x: 0, y: 340 },
          },
          { id: "done", type: "exit", position: { x: 0, y: 510 } },
        ],
      };
      const created = await call("POST", "/v1/journeys", { name: "Greetings", document });
      await open(String(created.id));
      const welcome = page.locator('[data-step-id="welcome"]');
      await welcome.locator(".step-summary").getByText("Sends email 'Welcome aboard, [first name]!'").waitFor(WAIT);
      await page
        .locator('[data-step-id="nudge"] .step-summary')
        .getByText("Shows portal notification '[first name], your guide is ready'")
        .waitFor(WAIT);
      await welcome.click();
      const panel = page.getByRole("region", { name: "Step settings" });
      await panel.locator(".step-panel-summary").getByText("Sends email 'Welcome aboard, [first name]!'").waitFor(WAIT);
      for (const summary of await page.locator(".step-summary, .step-panel-summary").allTextContents())
        expect(summary).not.toMatch(/\{\{|\{%/);
    });
  });
});
