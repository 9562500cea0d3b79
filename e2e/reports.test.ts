import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JourneyReport } from "../packages/editor/src/api/segment-api.ts";
import { significanceLine } from "../packages/editor/src/report/journey-report-tables.ts";
import { browserUnavailable, snapshot, withScreenshotOnFailure } from "./browser.ts";
import { startWorkspaceHarness, type WorkspaceHarness } from "./workspace-harness.ts";

const unavailable = browserUnavailable();
const WAIT = { timeout: 30_000 };
const CUSTOMERS = Array.from({ length: 60 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`);
// Every third customer buys: 20 conversions, spread over both arms of the split.
const BUYERS = CUSTOMERS.filter((_, i) => i % 3 === 0);

const WELCOME = {
  schemaVersion: 1,
  name: "Welcome test",
  settings: { reentry: "never", goal: { name: "Purchased", event: "purchased" } },
  steps: [
    {
      id: "start",
      type: "trigger",
      name: "Signed up",
      trigger: { type: "event", event: "signed.up" },
      next: "welcome",
      position: { x: 0, y: 0 },
    },
    {
      id: "welcome",
      type: "email",
      name: "Welcome",
      subject: "Welcome",
      body: "<mjml><mj-body><mj-section><mj-column><mj-text>Welcome.</mj-text></mj-column></mj-section></mj-body></mjml>",
      next: "offer",
      position: { x: 0, y: 200 },
    },
    {
      id: "offer",
      type: "split",
      name: "Offer test",
      arms: [
        { id: "plain", label: "Plain offer", percent: 50, next: "week" },
        { id: "bold", label: "Bold offer", percent: 50, next: "week" },
      ],
      position: { x: 0, y: 400 },
    },
    // Customers stay in the journey a week, so what they buy meanwhile counts for the goal.
    {
      id: "week",
      type: "wait",
      name: "A week to buy",
      wait: { type: "duration", duration: "7d" },
      next: "done",
      position: { x: 0, y: 600 },
    },
    { id: "done", type: "exit", name: "Done", position: { x: 0, y: 800 } },
  ],
};

/**
 * Issue 14, reports: a journey with an email, a split and a goal runs on the engine and the dispatcher for 60
 * customers, 20 of whom buy; its Report tab shows the entries, the funnel, the email's figures and the split's
 * significance with the method and its figures; a table downloads as CSV; the Reports overview shows the journey and
 * its email.
 */
describe.skipIf(unavailable !== null)("reports (browser)", () => {
  let harness: WorkspaceHarness;
  let page: Page;
  let journeyId = "";
  let report: JourneyReport;

  const events = async (name: string, customerIds: string[]) => {
    const answer = await fetch(`${harness.apiUrl}/v1/events/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${harness.writeKey}`, "content-type": "application/json" },
      body: JSON.stringify({ events: customerIds.map((customerId) => ({ name, customerId })) }),
    });
    expect(answer.status, await answer.clone().text()).toBeLessThan(300);
  };
  /** The journey's report as the API answers it, once `done` says the engine and the dispatcher have caught up. */
  const reportWhen = async (done: (r: JourneyReport) => boolean): Promise<JourneyReport> => {
    for (const deadline = Date.now() + 60_000; ; ) {
      const r = (await harness.request("GET", `/v1/journeys/${journeyId}/report`)) as unknown as JourneyReport;
      if (done(r)) return r;
      if (Date.now() > deadline) throw new Error(`the report never caught up: ${JSON.stringify(r.totals)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    harness = await startWorkspaceHarness("reports");
    page = harness.page;
    const policy = await harness.request("GET", "/v1/delivery-policy");
    // No quiet hours: the emails go now whatever the hour of the run.
    await harness.request("PUT", "/v1/delivery-policy", { ...policy, quietHours: null });
    const journey = await harness.request("POST", "/v1/journeys", { name: WELCOME.name, document: WELCOME });
    journeyId = String(journey.id);
    await harness.request("POST", `/v1/journeys/${journeyId}/publish`);
    for (const id of CUSTOMERS)
      await harness.request("PUT", `/v1/customers/${id}`, { attributes: { email: `${id}@example.com` } });
    await events("signed.up", CUSTOMERS);
    await reportWhen((r) => r.totals.entries === CUSTOMERS.length);
    // Bought after entering: the goal counts them.
    await events("purchased", BUYERS);
    report = await reportWhen(
      (r) => r.totals.conversions === BUYERS.length && r.messages[0]?.sent === CUSTOMERS.length,
    );
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it("reads a journey's report: entries, funnel, an email's figures and the split's significance; downloads a CSV", async () => {
    await withScreenshotOnFailure(page, "reports-journey", async () => {
      await page.goto(harness.editorUrl(`#/journeys/${journeyId}`));
      const views = page.getByRole("navigation", { name: "Journey views" });
      await views.waitFor(WAIT);
      await snapshot(page, "reports-editor-tabs");
      await views.getByRole("link", { name: "Report" }).click();
      const totals = page.getByRole("region", { name: "Totals" });
      await totals.waitFor(WAIT);
      expect(await totals.textContent()).toContain(`${CUSTOMERS.length}Entries`);
      expect(await totals.textContent()).toContain(`${BUYERS.length}Conversions`);
      expect(await totals.textContent()).toContain("33.3 %Conversion rate");

      const funnel = page.getByRole("table", { name: "Funnel per step" });
      expect(await funnel.getByRole("row", { name: /Welcome/ }).textContent()).toContain(String(CUSTOMERS.length));

      const email = page.getByRole("table", { name: "Message: Welcome (email)" });
      const sent = await email.getByRole("row", { name: /^Sent/ }).textContent();
      expect(sent).toBe(`Sent${CUSTOMERS.length}—`);
      await snapshot(page, "reports-journey");

      // The split: its arms, and the test the API ran, shown with its method and figures.
      const split = page.getByRole("region", { name: "Split: Offer test" });
      const significance = report.splits[0]?.significance;
      expect(significance, "the API tested the split").toBeTruthy();
      if (!significance) return;
      const note = split.getByRole("note", { name: "Significance" });
      expect(await note.textContent()).toContain(significanceLine(significance));
      expect(await note.textContent()).toMatch(/Chi-square test: χ² = \d+\.\d\d, 1 degree of freedom, p [=<] /);
      expect(await note.textContent()).toContain("Bayesian probability to be best");
      expect(await split.getByRole("table").textContent()).toContain("Plain offer");
      await split.scrollIntoViewIfNeeded();
      await snapshot(page, "reports-split");

      // A week by the hour: 168 buckets, the column named for them; a custom range backwards is refused on the spot.
      const range = page.getByRole("group", { name: "Date range" });
      const interval = page.getByRole("group", { name: "Interval" });
      await range.getByRole("button", { name: "Last 7 days" }).click();
      await interval.getByRole("button", { name: "Hour" }).click();
      const series = page.getByRole("table", { name: "Entries and conversions over time" });
      await series.getByRole("columnheader", { name: "Hour (UTC)" }).waitFor(WAIT);
      expect(await series.locator("tbody tr").count()).toBe(7 * 24);
      await range.getByRole("button", { name: "Custom" }).click();
      await page.getByLabel("From", { exact: true }).fill("2026-12-05");
      await page.getByLabel("To", { exact: true }).fill("2026-12-01");
      expect(await page.getByRole("alert").textContent()).toBe("The last day comes before the first.");
      await range.getByRole("button", { name: "Last 30 days" }).click();
      await interval.getByRole("button", { name: "Day" }).click();
      await series.getByRole("columnheader", { name: "Day" }).waitFor(WAIT);

      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download CSV of Funnel per step" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe("funnel-per-step.csv");
      const csv = (await readFile((await file.path()) as string, "utf8")).split("\r\n");
      expect(csv[0]).toBe("Step,Type,Reached,Went no further,Drop-off");
      expect(csv).toContain(`Welcome,email,${CUSTOMERS.length},0,0`);
    });
  });

  it("reads the Reports overview: the journey, the emails per day and deliverability", async () => {
    await withScreenshotOnFailure(page, "reports-overview", async () => {
      await page.getByRole("link", { name: "Overture" }).click();
      await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Reports" }).click();
      const journeys = page.getByRole("table", { name: "Active journeys" });
      await journeys.waitFor(WAIT);
      expect(await journeys.getByRole("row", { name: /Welcome test/ }).textContent()).toBe(
        `Welcome test${CUSTOMERS.length}${BUYERS.length}33.3 %`,
      );
      const perDay = page.getByRole("table", { name: "Messages per channel per day" });
      expect(await perDay.locator("thead").textContent()).toContain("Email");
      expect(await perDay.locator("tbody").textContent()).toContain(String(CUSTOMERS.length));
      const deliverability = page.getByRole("table", { name: "Deliverability" });
      expect(await deliverability.getByRole("row", { name: /^Sent/ }).textContent()).toBe(`Sent${CUSTOMERS.length}—`);
      await snapshot(page, "reports-overview");
    });
  });
});
