import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const EDITOR_ROOT = fileURLToPath(new URL("../packages/editor/", import.meta.url));
const WAIT = { timeout: 20_000 };

/** A journey that can be published as it is: a purchase, a wait, the end. */
const DRAFT = {
  schemaVersion: 1,
  name: "Smaller",
  settings: { reentry: "always" },
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "pause", position: { x: 0, y: 0 } },
    { id: "pause", name: "Two days", type: "wait", duration: { amount: 2, unit: "days" }, next: "done", position: { x: 0, y: 170 } },
    { id: "done", type: "exit", position: { x: 0, y: 340 } },
  ],
};

/** Issue 15, defect 9 ("Smaller"): what the editor showed that misled, each checked in Chromium. */
describe.skipIf(unavailable !== null)("editor, smaller defects (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let workspaceId: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    // Its own build folder: other editor tests build at the same time.
    const dist = await mkdtemp(join(tmpdir(), "overture-smaller-dist-"));
    const dataDir = await mkdtemp(join(tmpdir(), "overture-smaller-e2e-"));
    dirs.push(dist, dataDir);
    await build({ root: EDITOR_ROOT, logLevel: "error", build: { outDir: dist, emptyOutDir: true } });
    overture = await openOverture({ dataDir });
    const keys = await overture.workspaces.ensureDefault();
    workspaceId = keys.workspaceId;
    server = await serve(overture, { port: 0, host: "127.0.0.1", editor: { distDir: dist, localApiKey: keys.secretKey } });
    browser = await openBrowser();
    page = browser.page;
    page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await overture?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
  const editorUrl = (hash: string) => `${server.url.replace("127.0.0.1", "localhost")}/${hash}`;

  it("a missing journey's link says so, with a way back, and offers nothing to edit or save", async () => {
    await withScreenshotOnFailure(page, "editor-smaller-missing", async () => {
      const saves: string[] = [];
      const onRequest = (request: { method(): string; url(): string }) => {
        if (request.method() !== "GET") saves.push(`${request.method()} ${request.url()}`);
      };
      page.on("request", onRequest);
      await page.goto(editorUrl("#/journeys/does-not-exist"));
      await page.getByRole("heading", { name: "This journey does not exist (or was deleted)" }).waitFor(WAIT);
      expect(await page.getByText("All changes saved").count()).toBe(0);
      expect(await page.locator("input, textarea, select, .react-flow").count()).toBe(0);
      page.off("request", onRequest);
      expect(saves).toEqual([]);

      await page.getByRole("link", { name: "Back to the journeys list" }).click();
      await page.getByRole("heading", { name: "Journeys", exact: true }).waitFor(WAIT);
      await page.getByRole("heading", { name: "This journey does not exist (or was deleted)" }).waitFor({ state: "detached", ...WAIT });
    });
  });
});
