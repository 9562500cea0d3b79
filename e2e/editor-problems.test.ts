import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmailBlock } from "@overture/channels/browser";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksToMjml } from "../packages/editor/src/panel/email-blocks/blocks-to-mjml.ts";
import { browserUnavailable, buildEditor, openBrowser, snapshot, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };
const BROKEN = "Hello {{ customer.first_name }";
const SAID = "Subject, line 1, column 7: `{{ customer.first_name }` is missing its closing `}}`";

const BLOCKS: EmailBlock[] = [
  { type: "heading", text: "Welcome" },
  { type: "text", text: "Thank you for your purchase." },
];

/** A journey that can be published as it is: a purchase, an email made of blocks, the end. */
const DRAFT = {
  schemaVersion: 1,
  name: "Problems",
  settings: { reentry: "always" },
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: "welcome",
      position: { x: 0, y: 0 },
    },
    {
      id: "welcome",
      name: "Welcome email",
      type: "email",
      subject: "Hello",
      body: blocksToMjml(BLOCKS),
      blocks: BLOCKS,
      next: "done",
      position: { x: 0, y: 170 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 340 } },
  ],
};

/**
 * Issue 15, defect 2: publishing was refused for template problems the editor never listed (the banner said
 * "2 problem(s)", the Problems panel "No problems", no step had a badge). Every problem that blocks publishing is
 * listed on its step and field, in words about what the author typed.
 */
describe.skipIf(unavailable !== null)("editor problems (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let workspaceId: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    // Its own build folder: other editor tests build at the same time.
    const dist = await buildEditor("problems");
    const dataDir = await mkdtemp(join(tmpdir(), "overture-problems-e2e-"));
    dirs.push(dist, dataDir);
    overture = await openOverture({ dataDir });
    const keys = await overture.workspaces.ensureDefault();
    workspaceId = keys.workspaceId;
    server = await serve(overture, {
      port: 0,
      host: "127.0.0.1",
      editor: { distDir: dist, localApiKey: keys.secretKey },
    });
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

  /** Opens a fresh copy of the draft in the editor; its id. */
  async function openDraft(name: string): Promise<string> {
    const journey = await overture.journeys.create(workspaceId, { name, document: { ...DRAFT, name } });
    // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
    await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${encodeURIComponent(journey.id)}`);
    await page.locator('[data-step-id="welcome"]').waitFor(WAIT);
    await page.getByText("No problems: this journey can be published.").waitFor(WAIT);
    return journey.id;
  }

  const badge = () => page.locator('[data-step-id="welcome"] .problem-badge');
  const problemsPanel = () => page.getByRole("list", { name: "Problems", exact: true });
  const deselect = () => page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });

  it("lists a subject's unclosed Liquid on its step, its field and in the Problems panel, and takes it away once fixed", async () => {
    await withScreenshotOnFailure(page, "editor-problems-subject", async () => {
      await openDraft("Subject problem");
      await page.locator('[data-step-id="welcome"]').click();
      const panel = page.getByRole("region", { name: "Step settings" });
      await panel.getByLabel("Subject", { exact: true }).fill(BROKEN);

      // A badge on the step; on the step's panel, naming the field, the author's text and where in it.
      await badge().getByText("1 problem", { exact: true }).waitFor(WAIT);
      expect(await badge().getAttribute("title")).toBe(SAID);
      await panel.getByRole("list", { name: "Problems on this step" }).getByText(SAID, { exact: true }).waitFor(WAIT);
      await snapshot(page, "problems-on-step");

      // In the Problems panel, on the step by its name; Publish says why it is refused, with the same count.
      await deselect();
      await page.getByText("Problems (1)", { exact: true }).waitFor(WAIT);
      const listed = problemsPanel().getByRole("button");
      expect(await listed.count()).toBe(1);
      expect(await listed.first().textContent()).toBe(`Welcome email${SAID}`);
      await snapshot(page, "problems-panel");
      const publish = page.getByRole("button", { name: "Publish", exact: true });
      expect(await publish.isDisabled()).toBe(true);
      expect(await publish.getAttribute("title")).toBe("Fix the problem first");
      // Never a position in generated MJML, nor liquidjs's words.
      expect(await page.locator(".editor-page").textContent()).not.toMatch(/not closed|<mj-/);

      // Fixed: the problem, the badge and the refusal go away.
      await listed.first().click();
      await panel.getByLabel("Subject", { exact: true }).fill("Hello {{ customer.first_name }}");
      await badge().waitFor({ state: "detached", ...WAIT });
      await panel.getByRole("list", { name: "Problems on this step" }).waitFor({ state: "detached", ...WAIT });
      await deselect();
      await page.getByText("No problems: this journey can be published.").waitFor(WAIT);
      expect(await publish.isDisabled()).toBe(false);
    });
  });

  it("names the block of an email body made of blocks, never a line of the MJML they generate", async () => {
    await withScreenshotOnFailure(page, "editor-problems-block", async () => {
      await openDraft("Block problem");
      await page.locator('[data-step-id="welcome"]').click();
      const block = page.locator('li[aria-label="Text block 2"]');
      await block.locator("textarea").fill("Hi {{ customer.first_name }, thank you.");
      const said = "Body, text block 2: `{{ customer.first_name }` is missing its closing `}}`";
      const panel = page.getByRole("region", { name: "Step settings" });
      await panel.getByRole("list", { name: "Problems on this step" }).getByText(said, { exact: true }).waitFor(WAIT);
      await badge().getByText("1 problem", { exact: true }).waitFor(WAIT);
      await deselect();
      await problemsPanel().getByText(said, { exact: true }).waitFor(WAIT);
      await snapshot(page, "problems-block");

      await page.locator('[data-step-id="welcome"]').click();
      await block.locator("textarea").fill("Hi {{ customer.first_name | default: 'there' }}, thank you.");
      await badge().waitFor({ state: "detached", ...WAIT });
    });
  });

  it("when publish is refused for a problem the editor had not checked yet, the banner and the Problems panel give the same count", async () => {
    await withScreenshotOnFailure(page, "editor-problems-refused", async () => {
      const journeyId = await openDraft("Refused");
      // The server's check of the typing is held back, as on a slow network: the author publishes before it answers.
      const held: Route[] = [];
      await page.route("**/validate", (route) => {
        held.push(route);
      });
      await page.locator('[data-step-id="welcome"]').click();
      await page.getByRole("region", { name: "Step settings" }).getByLabel("Subject", { exact: true }).fill(BROKEN);
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByRole("dialog", { name: "Publish" }).getByRole("button", { name: "Publish" }).click();

      await page
        .getByRole("status")
        .getByText("Not published: 1 problem to fix first, listed under Problems.")
        .waitFor(WAIT);
      await page.getByText("Problems (1)", { exact: true }).waitFor(WAIT);
      await problemsPanel().getByText(SAID, { exact: true }).waitFor(WAIT);
      await badge().getByText("1 problem", { exact: true }).waitFor(WAIT);
      await snapshot(page, "problems-refused");
      expect((await overture.journeys.get(workspaceId, journeyId)).currentVersion).toBeNull();

      await page.unroute("**/validate");
      for (const route of held) await route.continue().catch(() => undefined);
    });
  });
});
