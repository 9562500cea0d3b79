import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JourneyDocument } from "@overture/core";
import { type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, buildEditor, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

/** A renewal journey whose trigger and branch conditions the test types in. */
const RENEWAL = {
  schemaVersion: 1,
  name: "Renewal values",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "subscription.renewal_due" },
      next: "wait-renewal",
      position: { x: 0, y: 0 },
    },
    {
      id: "wait-renewal",
      type: "wait-for-event",
      events: [{ event: "subscription.renewed" }],
      timeout: "3d",
      next: "split-by",
      timeoutNext: "done",
      position: { x: 0, y: 160 },
    },
    {
      id: "split-by",
      type: "branch",
      arms: [{ id: "big", label: "Big accounts", condition: { type: "top-topic", topic: "billing" }, next: "done" }],
      else: { label: "Everyone else", next: "done" },
      position: { x: 0, y: 320 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 480 } },
  ],
};

/** A goal that leads to the only Exit; the test makes the goal leave the journey. */
const GOAL = {
  schemaVersion: 1,
  name: "Goal that leaves",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "subscription.renewal_due" },
      next: "renewed",
      position: { x: 0, y: 0 },
    },
    { id: "renewed", type: "goal", goal: "Renewed", exit: false, next: "done", position: { x: 0, y: 160 } },
    { id: "done", type: "exit", position: { x: 0, y: 320 } },
  ],
};

/** Types like a person, one key at a time: the defect only showed between keystrokes, never with fill(). */
async function typeSlowly(box: Locator, text: string): Promise<void> {
  await box.click();
  await box.fill("");
  await box.pressSequentially(text, { delay: 30 });
}

/** Types a name into a picker and closes its list, which would otherwise cover the boxes under it. */
async function typeName(box: Locator, name: string): Promise<void> {
  await box.fill(name);
  await box.press("Escape");
}

/**
 * Issue 15: the editor must show what will run. Defect 1: value boxes keep commas and decimal points while typing
 * (trigger property tests and branch conditions), and the saved document holds the list and the number. Defect 6: a
 * goal that leaves the journey draws no line to the Exit, and the Exit is not reported as unreachable.
 */
describe.skipIf(unavailable !== null)("the editor shows what will run (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let secretKey: string;
  const ids: Record<string, string> = {};
  const dirs: string[] = [];

  /** The saved draft, read back through the API as any client would. */
  const savedDraft = async (journeyId: string): Promise<JourneyDocument> => {
    const response = await fetch(`${server.url}/v1/journeys/${encodeURIComponent(journeyId)}`, {
      headers: { authorization: `Bearer ${secretKey}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { draft: JourneyDocument }).draft;
  };

  beforeAll(async () => {
    // Its own build folder: other editor tests build at the same time.
    const dist = await buildEditor("what-runs");
    const dataDir = await mkdtemp(join(tmpdir(), "overture-what-runs-e2e-"));
    dirs.push(dist, dataDir);
    overture = await openOverture({ dataDir });
    const keys = await overture.workspaces.ensureDefault();
    secretKey = keys.secretKey;
    server = await serve(overture, { port: 0, host: "127.0.0.1", editor: { distDir: dist, localApiKey: secretKey } });
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return response.json() as Promise<{ id: string }>;
    };
    // What the workspace has seen: the pickers offer these names.
    await call("POST", "/v1/events", {
      name: "subscription.renewal_due",
      customerId: "ada",
      properties: { amount: 59, plan: "pro" },
      attributes: { plan: "pro", spend: 120 },
    });
    ids.renewal = (await call("POST", "/v1/journeys", { name: RENEWAL.name, document: RENEWAL })).id;
    ids.goal = (await call("POST", "/v1/journeys", { name: GOAL.name, document: GOAL })).id;
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

  const open = async (journeyId: string) => {
    // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
    await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${encodeURIComponent(journeyId)}`);
    await page.locator('[data-step-id="start"]').waitFor(WAIT);
  };

  it("issue 15, defect 1: 'pro, team' and 49.99 typed into a trigger, a wait filter and a branch stay as typed and are saved as a list and a number", async () => {
    await withScreenshotOnFailure(page, "what-runs-values", async () => {
      await open(ids.renewal as string);
      const panel = page.getByRole("region", { name: "Step settings" });

      // The trigger: amount is more than 49.99 and plan is one of pro, team.
      await page.locator('[data-step-id="start"]').click();
      await panel.getByRole("button", { name: "+ Property test" }).click();
      await panel.getByRole("button", { name: "+ Property test" }).click();
      const rows = panel.locator(".where-rows > .condition-row");
      await rows.nth(1).waitFor(WAIT);
      const property = (i: number) => rows.nth(i).locator("input[role=combobox]");
      await typeName(property(0), "amount");
      await rows.nth(0).getByLabel("Operator").selectOption("gt");
      const amount = rows.nth(0).getByLabel("Value", { exact: true });
      await typeSlowly(amount, "49.99");
      await typeName(property(1), "plan");
      await rows.nth(1).getByLabel("Operator").selectOption("in");
      const plans = rows.nth(1).getByLabel("Value", { exact: true });
      await typeSlowly(plans, "pro, team");
      expect(await amount.inputValue()).toBe("49.99");
      expect(await plans.inputValue()).toBe("pro, team");
      await page
        .locator('[data-step-id="start"] .step-summary')
        .getByText('where amount is more than 49.99 and plan is one of "pro", "team"', { exact: false })
        .waitFor(WAIT);

      // Text that is not a number is said under the box, not silently changed.
      await typeSlowly(amount, "49,99");
      expect(await amount.inputValue()).toBe("49,99");
      await panel.getByRole("alert").getByText('"49,99" is not a number', { exact: false }).waitFor(WAIT);
      await typeSlowly(amount, "49.99");
      await panel.getByRole("alert").waitFor({ state: "detached", ...WAIT });

      // A wait filter: the same boxes, on the event waited for.
      await page.locator('[data-step-id="wait-renewal"]').click();
      await panel.getByRole("button", { name: "+ Property test" }).click();
      const waitRow = panel.locator(".where-rows > .condition-row").first();
      await typeName(waitRow.locator("input[role=combobox]"), "plan");
      await waitRow.getByLabel("Operator").selectOption("in");
      const waitPlans = waitRow.getByLabel("Value", { exact: true });
      await typeSlowly(waitPlans, "pro, team");
      expect(await waitPlans.inputValue()).toBe("pro, team");
      await page
        .locator('[data-step-id="wait-renewal"] .step-summary')
        .getByText('where plan is one of "pro", "team"', { exact: false })
        .waitFor(WAIT);

      // The branch: a profile attribute compared with a list, and a numeric one with a decimal.
      await page.locator('[data-step-id="split-by"]').click();
      await panel.getByLabel("Condition kind").selectOption("attribute");
      // A new row tests an event at first (the workspace has seen one); it is turned into a profile attribute.
      await panel.getByRole("button", { name: "+ Condition" }).click();
      await panel.getByLabel("Condition kind").nth(1).selectOption("attribute");
      const conditions = panel.locator(".condition-row[data-kind=attribute]");
      await conditions.nth(1).waitFor(WAIT);
      await typeName(conditions.nth(0).locator("input[role=combobox]"), "plan");
      await conditions.nth(0).getByLabel("Operator").selectOption("in");
      const branchPlans = conditions.nth(0).getByLabel("Value", { exact: true });
      await typeSlowly(branchPlans, "pro, team");
      await typeName(conditions.nth(1).locator("input[role=combobox]"), "spend");
      await conditions.nth(1).getByLabel("Operator").selectOption("gt");
      const spend = conditions.nth(1).getByLabel("Value", { exact: true });
      await typeSlowly(spend, "49.99");
      expect(await branchPlans.inputValue()).toBe("pro, team");
      expect(await spend.inputValue()).toBe("49.99");
      await panel
        .getByTestId("condition-summary")
        .getByText('Takes customers when plan is one of "pro", "team" and spend is more than 49.99', { exact: false })
        .waitFor(WAIT);

      // The saved journey holds the list and the number, read back through the API.
      await page.getByText("All changes saved").waitFor(WAIT);
      const steps = new Map((await savedDraft(ids.renewal as string)).steps.map((s) => [s.id, s]));
      expect(steps.get("start")).toMatchObject({
        trigger: {
          where: [
            { property: "amount", op: "gt", value: 49.99 },
            { property: "plan", op: "in", value: ["pro", "team"] },
          ],
        },
      });
      expect(steps.get("wait-renewal")).toMatchObject({
        events: [{ event: "subscription.renewed", where: [{ property: "plan", op: "in", value: ["pro", "team"] }] }],
      });
      expect(steps.get("split-by")).toMatchObject({
        arms: [
          {
            condition: {
              type: "all",
              conditions: [
                { type: "attribute", attribute: "plan", op: "in", value: ["pro", "team"] },
                { type: "attribute", attribute: "spend", op: "gt", value: 49.99 },
              ],
            },
          },
        ],
      });
    });
  });

  it("issue 15, defect 6: a goal that leaves the journey draws no line to the Exit and the Exit is not reported", async () => {
    await withScreenshotOnFailure(page, "what-runs-goal", async () => {
      await open(ids.goal as string);
      const line = page.locator('.react-flow__edge[data-id="renewed:next"]');
      await line.waitFor({ state: "attached", ...WAIT });

      await page.locator('[data-step-id="renewed"]').click();
      await page.getByRole("region", { name: "Step settings" }).getByLabel("Leave the journey when reached").check();
      await page
        .locator('[data-step-id="renewed"] .step-summary')
        .getByText("Counts goal 'Renewed' and ends the journey")
        .waitFor(WAIT);
      await line.waitFor({ state: "detached", ...WAIT });
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      await page.getByText("No problems: this journey can be published.").waitFor(WAIT);
      expect(await page.locator(".step-node.has-problems").count()).toBe(0);

      await page.getByText("All changes saved").waitFor(WAIT);
      const goal = (await savedDraft(ids.goal as string)).steps.find((s) => s.id === "renewed");
      expect(goal).toMatchObject({ type: "goal", exit: true });
    });
  });
});
