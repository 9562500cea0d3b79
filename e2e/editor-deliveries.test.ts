import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmailSetup } from "@overture/channels";
import type { JourneyDocument } from "@overture/core";
import { type Overture, openOverture, type WorkspaceKeys } from "@overture/runtime";
import { type RunningServer, serve } from "@overture/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WiredChannels, wireChannels } from "../packages/cli/src/wire-channels.ts";
import { browserUnavailable, buildEditor, openBrowser, snapshot, withScreenshotOnFailure } from "./browser.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const TRIAL_JOURNEY: JourneyDocument = {
  schemaVersion: 1,
  name: "Trial welcome",
  settings: { reentry: "never" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Trial started",
      trigger: { type: "event", event: "trial.started" },
      next: "welcome",
      position: { x: 0, y: 0 },
    },
    {
      id: "welcome",
      type: "email",
      name: "Welcome email",
      subject: "Welcome to your trial",
      body: "<mjml><mj-body><mj-section><mj-column><mj-text>Your trial has started.</mj-text></mj-column></mj-section></mj-body></mjml>",
      next: "crm",
      position: { x: 0, y: 200 },
    },
    { id: "crm", type: "webhook", name: "Tell the CRM", endpoint: "crm", next: "done", position: { x: 0, y: 400 } },
    { id: "done", type: "exit", name: "Done", position: { x: 0, y: 600 } },
  ],
} as JourneyDocument;

/**
 * Issue 15, defect 4: "3 passed" on an email step while two of the three emails were dead. A published journey's
 * email step goes to one customer with an address (sent, through the development SMTP server) and two without
 * (dead, no_email_address): the step shows 1 sent and 2 dead, the dead figure opens the list with the reason, and
 * Retry puts a row back to pending. Its webhook step calls a CRM (a loopback server) that answers 503 to every call:
 * the step shows them retrying, in the warning colour. The server is the one `npm start` runs, on a temporary SQLite
 * folder.
 */
describe.skipIf(unavailable !== null)("editor: delivery outcomes on a channel step (browser)", () => {
  let overture: Overture;
  let email: EmailSetup;
  let wired: WiredChannels | undefined;
  let server: RunningServer;
  let keys: WorkspaceKeys;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let journeyId: string;
  let crm: Server;
  let crmCalls = 0;
  const dirs: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${keys.secretKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown> & { steps?: Array<Record<string, unknown>> };
    expect(response.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };

  beforeAll(async () => {
    // Its own build folder: the other editor tests build into packages/editor/dist at the same time.
    const dist = await buildEditor("deliveries");
    const dataDir = await mkdtemp(join(tmpdir(), "overture-deliveries-e2e-"));
    dirs.push(dist, dataDir);
    // The CRM is down: every call gets a 503, so the dispatcher keeps retrying.
    crm = createServer((_request, response) => {
      crmCalls++;
      response.writeHead(503).end("down for maintenance");
    });
    await new Promise<void>((resolve) => crm.listen(0, "127.0.0.1", resolve));
    overture = await openOverture({ dataDir });
    let publicUrl = "";
    const env = { OVERTURE_WEBHOOK_ALLOW: "127.0.0.1" };
    wired = await wireChannels(overture, { dataDir, publicUrl: () => publicUrl, devMailbox: true, env });
    email = wired.email;
    keys = await overture.workspaces.ensureDefault();
    overture.engine.start();
    overture.dispatcher.start();
    server = await serve(overture, {
      port: 0,
      host: "127.0.0.1",
      editor: { distDir: dist, localApiKey: keys.secretKey },
      email: { service: email.service, tracking: email.tracking },
      mailbox: email.mailbox ? { mailbox: email.mailbox, smtpUrl: email.smtpUrl } : undefined,
    });
    publicUrl = server.url;
    // No quiet hours: the email goes now whatever the hour of the run.
    const policy = await call("GET", "/v1/delivery-policy");
    await call("PUT", "/v1/delivery-policy", { ...policy, quietHours: null });
    await call("PUT", "/v1/webhook-endpoints/crm", {
      url: `http://127.0.0.1:${(crm.address() as AddressInfo).port}/hook`,
      timeoutMs: 2_000,
    });
    const created = await call("POST", "/v1/journeys", { name: "Trial welcome", document: TRIAL_JOURNEY });
    journeyId = String(created.id);
    await call("POST", `/v1/journeys/${journeyId}/publish`);
    await call("PUT", "/v1/customers/ada", { attributes: { email: "ada@example.com", firstName: "Ada" } });
    await call("PUT", "/v1/customers/bob", { attributes: { firstName: "Bob" } });
    await call("PUT", "/v1/customers/cy", { attributes: { firstName: "Cy" } });
    const events = await fetch(`${server.url}/v1/events/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        events: ["ada", "bob", "cy"].map((customerId) => ({ name: "trial.started", customerId })),
      }),
    });
    expect(events.status, await events.clone().text()).toBeLessThan(300);
    browser = await openBrowser();
    page = browser.page;
    page.on("pageerror", (error) => console.error(`[page] ${error.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await wired?.close();
    await overture?.close();
    await new Promise((resolve) => crm?.close(resolve));
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("shows 1 sent and 2 dead under '3 passed', lists the dead with their reason, retries one; a failing webhook's calls show as retrying", async () => {
    await withScreenshotOnFailure(page, "editor-deliveries", async () => {
      await page.goto(`${server.url.replace("127.0.0.1", "localhost")}/#/journeys/${encodeURIComponent(journeyId)}`);
      const welcome = page.locator('[data-step-id="welcome"]');
      await welcome.waitFor(WAIT);
      // The live figures refresh every 2 s: the worker and the dispatcher finish meanwhile.
      await welcome.locator(".step-stats").getByText("3 passed").waitFor(WAIT);
      const figures = welcome.locator(".step-deliveries");
      await figures.getByRole("button", { name: "1 sent" }).waitFor(WAIT);
      const dead = figures.getByRole("button", { name: "2 dead" });
      await dead.waitFor(WAIT);
      expect(await figures.textContent()).toMatch(/^Emails:\s*1 sent\s*·\s*2 dead$/);
      // Dead is a failure: the warning colour, and the reason on hover.
      expect(await dead.getAttribute("class")).toContain("warn");
      expect(await dead.getAttribute("title")).toBe("2 dead: 2 no email address");
      expect(await figures.getByRole("button", { name: "1 sent" }).getAttribute("class")).not.toContain("warn");

      await snapshot(page, "editor-deliveries-step");
      await dead.click();
      const dialog = page.getByRole("dialog", { name: "Deliveries of Welcome email" });
      await dialog.waitFor(WAIT);
      const rows = dialog.locator("tbody tr");
      await rows.first().waitFor(WAIT);
      expect(await rows.count()).toBe(2);
      expect(
        (
          await dialog.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-customer")))
        ).sort(),
      ).toEqual(["bob", "cy"]);
      const bob = dialog.locator('tr[data-customer="bob"]');
      expect(await bob.textContent()).toContain("no email address");
      expect(await bob.textContent()).toContain("no_email_address: customer bob has no email attribute");

      const retried = page.waitForResponse(
        (r) => r.request().method() === "POST" && /\/v1\/outbox\/\d+\/retry$/.test(r.url()),
      );
      await bob.getByRole("button", { name: "Retry" }).click();
      const response = await retried;
      expect(response.status()).toBe(200);
      expect(((await response.json()) as { status: string; customerId: string }).status).toBe("pending");
      await bob.getByText("queued (retried)").waitFor(WAIT);
      await snapshot(page, "editor-deliveries-list");
      expect(await dialog.locator('tr[data-customer="cy"]').getByRole("button", { name: "Retry" }).count()).toBe(1);
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached", ...WAIT });

      // The webhook: every call failed and is retrying, which the step says in the warning colour.
      const calls = page.locator('[data-step-id="crm"] .step-deliveries');
      const retrying = calls.getByRole("button", { name: "3 retrying" });
      await retrying.waitFor(WAIT);
      expect(crmCalls).toBeGreaterThanOrEqual(3);
      expect(await calls.textContent()).toMatch(/^Calls:\s*3 retrying$/);
      expect(await retrying.getAttribute("class")).toContain("warn");
      await retrying.click();
      const hooks = page.getByRole("dialog", { name: "Deliveries of Tell the CRM" });
      await hooks.locator("tbody tr").first().waitFor(WAIT);
      expect(await hooks.locator("tbody tr").count()).toBe(3);
      expect(await hooks.locator("tbody tr").first().textContent()).toMatch(/retrying/);
      expect(await hooks.locator("tbody tr").first().textContent()).toMatch(/503/);
      await snapshot(page, "editor-deliveries-webhook");
    });
  });
});
