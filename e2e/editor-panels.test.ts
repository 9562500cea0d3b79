import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useWebhookSecretBox } from "@overture/channels";
import type { JourneyDocument } from "@overture/core";
import { createSecretBox, type Overture, openOverture } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, buildEditor, openBrowser, snapshot, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

/** A draft with one step of each kind the panels under test edit; it need not be valid to be edited. */
const DRAFT = {
  schemaVersion: 1,
  name: "Panels",
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: "hello",
      position: { x: 0, y: 0 },
    },
    {
      id: "hello",
      type: "notification",
      title: "Welcome",
      body: "Glad you are here.",
      next: "call-crm",
      position: { x: 0, y: 140 },
    },
    { id: "call-crm", type: "webhook", endpoint: "", next: "wait-login", position: { x: 0, y: 280 } },
    {
      id: "wait-login",
      type: "wait-for-event",
      events: [{ event: "portal.login" }],
      timeout: "3d",
      next: "split-by",
      timeoutNext: "done",
      position: { x: 0, y: 420 },
    },
    {
      id: "split-by",
      type: "branch",
      arms: [{ id: "engaged", label: "Engaged", condition: { type: "top-topic", topic: "billing" }, next: "done" }],
      else: { label: "Everyone else", next: "done" },
      position: { x: 0, y: 560 },
    },
    { id: "done", type: "exit", position: { x: 0, y: 700 } },
    // Not connected yet: a draft may have problems while it is edited.
    {
      id: "show-guide",
      type: "personalize",
      slot: "dashboard.hero",
      contentId: null,
      next: null,
      position: { x: 320, y: 0 },
    },
    { id: "pick-reads", type: "recommend", count: 3, next: null, position: { x: 320, y: 140 } },
  ],
};

/** A receiver on loopback for the webhook test: answers 201 with a small JSON body and keeps what it got. */
async function startReceiver() {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(201, { "content-type": "application/json" });
      res.end('{"queued":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * The step panels in a real browser against the real server: pickers fed by what the workspace has seen, a branch
 * condition built by clicking, the notification preview, and a webhook test call to a receiver on loopback (allowed
 * through OVERTURE_WEBHOOK_ALLOW, as an operator would).
 */
describe.skipIf(unavailable !== null)("editor step panels (browser)", () => {
  let overture: Overture;
  let server: RunningServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let journeyId: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    // Its own build folder: the other editor test builds into packages/editor/dist at the same time.
    const dist = await buildEditor("panels");
    const dataDir = await mkdtemp(join(tmpdir(), "overture-panels-e2e-"));
    dirs.push(dist, dataDir);
    process.env.OVERTURE_WEBHOOK_ALLOW = "127.0.0.1";
    receiver = await startReceiver();
    overture = await openOverture({ dataDir });
    // No channels are wired here; the webhook routes still keep endpoint secrets sealed (issue 12, finding 10).
    useWebhookSecretBox(overture.store, createSecretBox("editor panels e2e secret"));
    const keys = await overture.workspaces.ensureDefault();
    server = await serve(overture, {
      port: 0,
      host: "127.0.0.1",
      editor: { distDir: dist, localApiKey: keys.secretKey },
    });
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${keys.secretKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return response.json() as Promise<{ id: string }>;
    };
    // What the workspace has "seen": the catalog offers these names.
    await call("POST", "/v1/events", {
      name: "account.activated",
      customerId: "ada",
      properties: { plan: "pro" },
      attributes: { firstName: "Ada", plan: "pro" },
    });
    await call("PUT", "/v1/webhook-endpoints/crm-hook", { url: receiver.url });
    const item = (id: string, title: string, topic: string) => ({
      id,
      title,
      summary: `All about ${topic}.`,
      url: `https://example.com/${id}`,
      topics: [topic],
    });
    await call("POST", "/v1/content", item("setup-guide", "Set up in ten minutes", "getting-started"));
    await call("POST", "/v1/content", item("billing-guide", "Understand your invoice", "billing"));
    await call("PUT", "/v1/slots/dashboard.hero", {
      defaultContentId: "setup-guide",
      description: "Top of the dashboard",
    });
    journeyId = (await call("POST", "/v1/journeys", { name: "Panels", document: DRAFT })).id;
    browser = await openBrowser();
    page = browser.page;
    page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await overture?.close();
    await receiver?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("picks events and names from what was seen, builds a branch condition by clicking, previews a notification and a slot, tests a webhook", async () => {
    await withScreenshotOnFailure(page, "editor-panels", async () => {
      // localhost, not 127.0.0.1: the key is only handed to pages that name this machine.
      await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${encodeURIComponent(journeyId)}`);
      const panel = page.getByRole("region", { name: "Step settings" });

      // Wait until an event: typed to filter, picked with the keyboard; a name never seen is flagged.
      await page.locator('[data-step-id="wait-login"]').click();
      const waitEvent = panel.locator("[data-testid=wait-event-0]");
      await waitEvent.waitFor(WAIT);
      await panel.getByText("not seen yet").waitFor(WAIT);
      await waitEvent.fill("activ");
      await panel.getByRole("option", { name: /Account activated/ }).waitFor(WAIT);
      await snapshot(page, "panels-wait-picker");
      await waitEvent.press("ArrowDown");
      await waitEvent.press("Enter");
      expect(await waitEvent.inputValue()).toBe("account.activated");
      await panel.getByText("not seen yet").waitFor({ state: "detached", ...WAIT });
      await page
        .locator('[data-step-id="wait-login"] .step-summary')
        .getByText("Waits until Account activated, at most 3 days")
        .waitFor(WAIT);
      // The longest wait as a number of days, not a duration to type.
      await panel.getByLabel("At most", { exact: true }).fill("7");
      await page
        .locator('[data-step-id="wait-login"] .step-summary')
        .getByText("Waits until Account activated, at most 7 days")
        .waitFor(WAIT);

      // A branch condition built by clicking: a profile attribute, picked with the mouse, compared with a value.
      await page.locator('[data-step-id="split-by"]').click();
      await panel.getByLabel("Condition kind").selectOption("attribute");
      const attribute = panel.locator(".condition-row[data-kind=attribute] input[role=combobox]");
      await attribute.click();
      await attribute.fill("");
      await panel.getByRole("option", { name: /plan/ }).click();
      expect(await attribute.inputValue()).toBe("plan");
      await panel.getByLabel("Value", { exact: true }).fill("pro");
      await panel.getByTestId("condition-summary").getByText('Takes customers when plan is "pro"').waitFor(WAIT);
      await snapshot(page, "panels-branch");
      await page
        .locator('[data-step-id="split-by"] .step-summary')
        .getByText(`'Engaged' if plan is "pro"`, { exact: false })
        .waitFor(WAIT);

      // The notification as the inbox shows it, rendered for the sample customer, following the title.
      await page.locator('[data-step-id="hello"]').click();
      const title = page.getByTestId("notification-preview-title");
      await title.getByText("Welcome", { exact: true }).waitFor(WAIT);
      await panel.getByLabel("Title", { exact: true }).fill("Hello {{ customer.firstName }}");
      await title.getByText("Hello Alex", { exact: true }).waitFor(WAIT);
      await snapshot(page, "panels-notification");

      // A webhook: the endpoint picked from those configured, a payload, its sample, and a test call with its answer.
      await page.locator('[data-step-id="call-crm"]').click();
      const endpoint = panel.getByTestId("webhook-endpoint");
      await endpoint.click();
      await panel.getByRole("option", { name: /crm-hook/ }).click();
      expect(await endpoint.inputValue()).toBe("crm-hook");
      // JSON, as an expert would write it (the field builder is tested in editor-panels-2).
      await panel.getByRole("button", { name: "JSON", exact: true }).click();
      await panel.getByLabel("Payload template (JSON with Liquid)").fill('{"name": {{ customer.firstName | json }}}');
      await panel.getByTestId("webhook-sample").getByText('"name": "Alex"', { exact: false }).waitFor(WAIT);
      await panel.getByRole("button", { name: "Send test" }).click();
      await panel.getByTestId("webhook-status").getByText("201").waitFor(WAIT);
      expect(await panel.getByTestId("webhook-result").textContent()).toContain('{"queued":true}');
      await snapshot(page, "panels-webhook");
      expect(receiver.bodies).toEqual(['{"name": "Alex"}']);

      // Personalize: content found by searching the library, for a week; the slot as the customer will see it.
      await page.locator('[data-step-id="show-guide"]').click();
      const slot = panel.getByTestId("slot-preview");
      await slot.getByText("Set up in ten minutes").waitFor(WAIT);
      await panel.getByLabel("Search the content library").fill("invoice");
      await panel.getByRole("button", { name: /Set up in ten minutes/ }).waitFor({ state: "detached", ...WAIT });
      await panel.getByRole("button", { name: /Understand your invoice/ }).click();
      await slot.getByText("Understand your invoice").waitFor(WAIT);
      await panel.getByLabel("For how long").selectOption("7d");
      await page
        .locator('[data-step-id="show-guide"] .step-summary')
        .getByText("Shows 'Understand your invoice' in slot dashboard.hero for 7 days")
        .waitFor(WAIT);
      await snapshot(page, "panels-personalize");

      // Recommend: a fallback topic typed in part and picked with Enter.
      await page.locator('[data-step-id="pick-reads"]').click();
      const topic = panel.getByRole("combobox", { name: "Fallback topic" });
      await topic.fill("bill");
      await topic.press("Enter");
      await panel.locator(".chip").getByText("billing").waitFor(WAIT);
      expect(await topic.inputValue()).toBe("");

      // With no step selected, the journey's exit criteria: an event picked from those seen, summarised.
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      const settings = page.getByRole("region", { name: "Journey settings" });
      await settings.getByRole("button", { name: "+ Exit event" }).click();
      await settings.getByText("Leaves the journey on Account activated").waitFor(WAIT);

      // Every edit reached the saved draft.
      await page.getByText("All changes saved").waitFor(WAIT);
      const saved = (await overture.journeys.get(
        (
          await overture.workspaces.ensureDefault()
        ).workspaceId,
        journeyId,
      )) as { draft: JourneyDocument };
      const steps = new Map(saved.draft.steps.map((s) => [s.id, s]));
      expect(steps.get("wait-login")).toMatchObject({ events: [{ event: "account.activated" }], timeout: "7d" });
      expect(steps.get("split-by")).toMatchObject({
        arms: [{ condition: { type: "attribute", attribute: "plan", op: "eq", value: "pro" } }],
      });
      expect(steps.get("call-crm")).toMatchObject({ endpoint: "crm-hook" });
      expect(steps.get("show-guide")).toMatchObject({ contentId: "billing-guide", for: "7d" });
      expect(steps.get("pick-reads")).toMatchObject({ fallbackTopics: ["billing"] });
      expect(saved.draft.settings.exitCriteria).toEqual([{ event: "account.activated" }]);
    });
  });
});
