import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 20_000 };

const WELCOME = {
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Signed up",
      trigger: { type: "event", event: "user.signed_up" },
      next: "mail",
      position: { x: 0, y: 0 },
    },
    {
      id: "mail",
      type: "email",
      name: "Welcome email",
      subject: "Welcome",
      body: "<mjml><mj-body><mj-section><mj-column><mj-text>Welcome.</mj-text></mj-column></mj-section></mj-body></mjml>",
      next: "pause",
      position: { x: 0, y: 200 },
    },
    {
      id: "pause",
      type: "wait",
      name: "A day",
      wait: { type: "duration", duration: "1d" },
      next: "done",
      position: { x: 0, y: 400 },
    },
    { id: "done", type: "exit", name: "Done", position: { x: 0, y: 600 } },
  ],
};

/** Issue 15, the workspace: `#/settings` (delivery policy, sender identities, webhook endpoints) and the policy's warning on steps. */
describe.skipIf(unavailable !== null)("workspace: settings (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    harness = await startWorkspaceHarness("settings");
    page = harness.page;
    journeyId = String((await harness.request("POST", "/v1/journeys", { name: "Welcome", document: WELCOME })).id);
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it("changes quiet hours (a bad time zone is refused at its field), and the journey's email step warns about them", async () => {
    await withScreenshotOnFailure(page, "workspace-settings-policy", async () => {
      await page.goto(harness.editorUrl("#/settings"));
      const policy = page.getByRole("region", { name: "Delivery policy" });
      await policy.getByLabel("From", { exact: true }).waitFor(WAIT);
      expect(await policy.getByLabel("From", { exact: true }).inputValue()).toBe("21:00");
      await policy.getByLabel("From", { exact: true }).fill("22:00");
      await policy.getByLabel("Until", { exact: true }).fill("07:30");
      const zone = policy.getByLabel("Time zone for customers without one");
      await zone.fill("Mars/Olympus");
      await policy.getByRole("button", { name: "Save policy" }).click();
      await policy.getByText("not a time zone: use a name like Europe/Paris or America/New_York").waitFor(WAIT);
      expect(await zone.getAttribute("aria-invalid")).toBe("true");
      await snapshot(page, "workspace-settings-field-error");
      expect(((await harness.request("GET", "/v1/delivery-policy")).quietHours as { start: string }).start).toBe(
        "21:00",
      );

      await zone.fill("Europe/Paris");
      await policy.getByLabel("Email needs opt-in").check();
      await policy.getByRole("button", { name: "Save policy" }).click();
      await policy.getByText("Saved", { exact: true }).waitFor(WAIT);
      const saved = (await harness.request("GET", "/v1/delivery-policy")) as {
        quietHours: unknown;
        channels: { email: unknown };
      };
      expect(saved.quietHours).toEqual({ start: "22:00", end: "07:30", defaultTimezone: "Europe/Paris" });
      expect(saved.channels.email).toMatchObject({ quietHours: true, optIn: true, cap: { max: 3, per: "7d" } });
      await snapshot(page, "workspace-settings");

      // The journey editor: the email step's node and panel say what the policy will do to its sends.
      await page.getByRole("link", { name: "Journeys" }).click();
      await page.getByRole("link", { name: "Welcome" }).click();
      const mail = page.locator('[data-step-id="mail"]');
      await mail.waitFor(WAIT);
      await mail.locator(".policy-badge").getByText("Quiet · cap · opt-in").waitFor(WAIT);
      expect(await page.locator('[data-step-id="pause"] .policy-badge').count()).toBe(0);
      await mail.click();
      const warnings = page
        .getByRole("region", { name: "Step settings" })
        .getByRole("region", { name: "Delivery policy" });
      await warnings.waitFor(WAIT);
      const said = await warnings.textContent();
      expect(said).toContain(
        "Quiet hours 22:00–07:30 apply: sends in that window wait until 07:30 in the customer's time zone (Europe/Paris when they have none)",
      );
      expect(said).toContain("Frequency cap 3 emails per 7 days: customers over it are skipped");
      expect(said).toContain(
        "Opt-in required: only customers whose consent.email is true get it; the others are skipped",
      );
      await snapshot(page, "workspace-settings-step-warning");
      expect(page.url()).toContain(journeyId);
    });
  });

  it("adds a sender identity and a webhook endpoint, each problem shown at its field", async () => {
    await withScreenshotOnFailure(page, "workspace-settings-senders", async () => {
      await page.goto(harness.editorUrl("#/settings"));
      const senders = page.getByRole("region", { name: "Sender identities" });
      await senders.getByLabel("From name").waitFor(WAIT);
      await senders.getByLabel("From name").fill("Acme Team");
      await senders.getByLabel("From address").fill("hello");
      await senders.getByRole("button", { name: "Add sender" }).click();
      await senders.getByText("an email address, e.g. hello@acme.com").waitFor(WAIT);
      expect(await senders.getByLabel("From address").getAttribute("aria-invalid")).toBe("true");
      await senders.getByLabel("From address").fill("hello@acme.com");
      await senders.getByLabel("Reply-to (optional)").fill("support@acme.com");
      await senders.getByRole("button", { name: "Add sender" }).click();
      await senders.getByRole("listitem").filter({ hasText: "Acme Team" }).getByText("Default").waitFor(WAIT);
      expect((await harness.request("GET", "/v1/sender-identities")).senders).toMatchObject([
        { fromName: "Acme Team", fromAddress: "hello@acme.com", replyTo: "support@acme.com", isDefault: true },
      ]);

      const endpoints = page.getByRole("region", { name: "Webhook endpoints" });
      await endpoints.getByLabel("Endpoint name").fill("crm.orders");
      await endpoints.getByLabel("URL").fill("crm.example.com/hooks");
      await endpoints.getByRole("button", { name: "Add endpoint" }).click();
      await endpoints.getByText("an http:// or https:// URL").waitFor(WAIT);
      await endpoints.getByLabel("URL").fill("https://crm.example.com/hooks");
      await endpoints.getByRole("button", { name: "Add endpoint" }).click();
      await endpoints.getByRole("listitem").filter({ hasText: "crm.orders" }).waitFor(WAIT);
      await endpoints.getByRole("status").getByText("shown this once").waitFor(WAIT);
      await snapshot(page, "workspace-settings-senders");
    });
  });

  it("sets data retention: a window under 30 days is refused at its field, an empty field keeps forever", async () => {
    await withScreenshotOnFailure(page, "workspace-settings-retention", async () => {
      await page.goto(harness.editorUrl("#/settings"));
      const retention = page.getByRole("region", { name: "Data retention" });
      await retention.getByLabel("Events (days)").waitFor(WAIT);
      expect(await retention.getByLabel("Events (days)").inputValue()).toBe("");
      await retention.getByLabel("Events (days)").fill("7");
      await retention.getByRole("button", { name: "Save" }).click();
      await retention.getByText("at least 30 days").first().waitFor(WAIT);
      expect(await retention.getByLabel("Events (days)").getAttribute("aria-invalid")).toBe("true");
      expect((await harness.request("GET", "/v1/retention")).events).toBeNull();

      await retention.getByLabel("Events (days)").fill("90");
      await retention.getByLabel("Journey history (days)").fill("365");
      await retention.getByRole("button", { name: "Save" }).click();
      await retention.getByText("Saved.").waitFor(WAIT);
      expect(await harness.request("GET", "/v1/retention")).toMatchObject({
        events: 90,
        history: 365,
        deliveries: null,
      });
      await snapshot(page, "workspace-settings-retention");
    });
  });
});
