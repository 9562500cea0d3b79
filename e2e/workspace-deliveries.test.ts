import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 30_000 };

const BILLING = {
  schemaVersion: 1,
  name: "Billing sync",
  settings: { reentry: "never" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Plan changed",
      trigger: { type: "event", event: "plan.changed" },
      next: "mail",
      position: { x: 0, y: 0 },
    },
    {
      id: "mail",
      type: "email",
      name: "Plan email",
      subject: "Your plan changed",
      body: "<mjml><mj-body><mj-section><mj-column><mj-text>Your plan changed.</mj-text></mj-column></mj-section></mj-body></mjml>",
      next: "billing",
      position: { x: 0, y: 200 },
    },
    {
      id: "billing",
      type: "webhook",
      name: "Tell billing",
      endpoint: "billing",
      next: "done",
      position: { x: 0, y: 400 },
    },
    { id: "done", type: "exit", name: "Done", position: { x: 0, y: 600 } },
  ],
};

/**
 * Issue 15, the workspace: `#/deliveries`. An email to a customer without an address and calls to a billing
 * receiver (a loopback server) that refuses them die; the screen shows them by status and reason, per channel and
 * endpoint, one message's attempts, and retries one and many once the receiver is fixed.
 */
describe.skipIf(unavailable !== null)("workspace: deliveries (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;
  let billing: Server;
  let billingAccepts = false;

  beforeAll(async () => {
    billing = createServer((_request, response) => {
      if (billingAccepts) response.writeHead(200).end("ok");
      else response.writeHead(400).end("unknown account");
    });
    await new Promise<void>((resolve) => billing.listen(0, "127.0.0.1", resolve));
    harness = await startWorkspaceHarness("deliveries-screen");
    page = harness.page;
    const policy = await harness.request("GET", "/v1/delivery-policy");
    // No quiet hours: the email goes now whatever the hour of the run.
    await harness.request("PUT", "/v1/delivery-policy", { ...policy, quietHours: null });
    await harness.request("PUT", "/v1/webhook-endpoints/billing", {
      url: `http://127.0.0.1:${(billing.address() as AddressInfo).port}/hook`,
      timeoutMs: 2_000,
    });
    const journey = await harness.request("POST", "/v1/journeys", { name: "Billing sync", document: BILLING });
    await harness.request("POST", `/v1/journeys/${String(journey.id)}/publish`);
    await harness.request("PUT", "/v1/customers/ada", { attributes: { email: "ada@example.com", firstName: "Ada" } });
    await harness.request("PUT", "/v1/customers/bob", { attributes: { firstName: "Bob" } });
    const events = await fetch(`${harness.apiUrl}/v1/events/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${harness.writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({ events: ["ada", "bob"].map((customerId) => ({ name: "plan.changed", customerId })) }),
    });
    expect(events.status, await events.clone().text()).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => billing?.close(resolve));
  });

  it("lists dead deliveries by status and reason, shows health per channel and endpoint, one message's attempts, and retries one and many", async () => {
    await withScreenshotOnFailure(page, "workspace-deliveries", async () => {
      await page.goto(harness.editorUrl("#/deliveries"));
      await page.getByRole("heading", { name: "Deliveries" }).waitFor(WAIT);
      // One email sent, one dead; both billing calls dead. The list follows the dispatcher on its own.
      const email = page.locator('[data-health="email"]');
      await email.getByText("1 dead").waitFor(WAIT);
      await page.locator('[data-health="billing"]').getByText("2 dead").waitFor(WAIT);
      expect(await email.textContent()).toContain("1 sent");
      expect(await email.getAttribute("class")).toContain("failing");

      const filters = page.getByRole("search", { name: "Filter deliveries" });
      await filters.getByLabel("Status").selectOption("dead");
      const rows = page.locator(".delivery-table tbody tr");
      await page.getByText("3 deliveries · 3 dead").waitFor(WAIT);
      await filters.getByLabel("Reason").selectOption("no_email_address");
      await page.getByText("1 delivery · 1 dead").waitFor(WAIT);
      expect(await rows.first().textContent()).toContain("bob");
      expect(await rows.first().textContent()).toContain("no email address");
      await filters.getByLabel("Reason").selectOption("");
      await filters.getByLabel("Channel").selectOption("webhook");
      await page.getByText("2 deliveries · 2 dead").waitFor(WAIT);
      await snapshot(page, "workspace-deliveries-dead");

      // One message: its attempt died with the receiver's answer; fixed, a retry sends it.
      await rows.filter({ hasText: "ada" }).getByRole("link").click();
      const attempts = page.getByRole("region", { name: "Attempts" });
      await attempts.getByText("Dead").waitFor(WAIT);
      expect(await attempts.textContent()).toContain("answered 400: unknown account");
      billingAccepts = true;
      await page.getByRole("button", { name: "Retry this delivery" }).click();
      await attempts.getByText("Sent").waitFor(WAIT);
      expect((await attempts.locator("li").allTextContents()).map((t) => t.split(" ")[0])).toEqual(["Dead", "Sent"]);
      await snapshot(page, "workspace-deliveries-attempts");

      // Many: tick the remaining dead call and retry it.
      await page.getByRole("link", { name: "← Deliveries" }).click();
      await filters.getByLabel("Status").selectOption("dead");
      await filters.getByLabel("Channel").selectOption("webhook");
      await page.getByText("1 delivery · 1 dead").waitFor(WAIT);
      await page.getByLabel("Select every dead delivery").check();
      await page.getByRole("button", { name: "Retry selected (1)" }).click();
      await page.getByRole("status").getByText("1 delivery queued to send again.").waitFor(WAIT);
      await filters.getByLabel("Status").selectOption("");
      await page.locator('[data-health="billing"]').getByText("2 sent").waitFor(WAIT);
      expect(await rows.allTextContents()).toEqual([expect.stringContaining("Sent"), expect.stringContaining("Sent")]);
      await snapshot(page, "workspace-deliveries-retried");
    });
  });
});
