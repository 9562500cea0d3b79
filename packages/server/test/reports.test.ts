import { JourneyReportSchema, ReportsOverviewSchema } from "@overture/api-contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, T0, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

const DAY = 86_400_000;

describe("reports API (issue 14)", () => {
  let t: TestApp;
  let journeyId: string;
  beforeEach(async () => {
    t = await openTestApp();
    journeyId = (await t.call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } })).body
      .id;
    expect((await t.call("POST", `/v1/journeys/${journeyId}/publish`)).status).toBe(201);
  });
  afterEach(() => t.close());

  it("answers a journey's report over HTTP in the contract's shape, counting what the engine did", async () => {
    const events = ["ada", "bob", "cy"].map((customerId) => ({ name: "purchase.completed", customerId }));
    expect((await t.call("POST", "/v1/events/batch", { body: { events } })).status).toBeLessThan(300);
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runUntilIdle();
    const from = new Date(T0 - DAY).toISOString();
    const to = new Date(T0 + DAY).toISOString();
    const res = await t.call("GET", `/v1/journeys/${journeyId}/report?from=${from}&to=${to}&interval=day`);
    expect(res.status).toBe(200);
    const report = JourneyReportSchema.parse(res.body);
    expect(report.totals.entries).toBe(3);
    expect(report.series.map((p) => p.entries)).toEqual([0, 3, 0]);
    expect(report.funnel.map((f) => [f.stepId, f.reached])).toEqual([
      ["purchase", 3],
      ["welcome", 3],
      ["wait-login", 3],
      ["nudge", 0],
      ["done", 0],
    ]);
    expect(report.messages.find((m) => m.stepId === "welcome")).toMatchObject({
      channel: "email",
      sent: 3,
      delivered: 3,
    });
  });

  it("answers the overview in the contract's shape (default range: the last 30 days)", async () => {
    const res = await t.call("GET", "/v1/reports/overview");
    expect(res.status).toBe(200);
    const overview = ReportsOverviewSchema.parse(res.body);
    expect(overview.to - overview.from).toBe(30 * DAY);
    expect(overview.activeJourneys).toMatchObject([{ journeyId, entries: 0, conversionRate: null }]);
  });

  it("404 for an unknown journey; 400 naming the field for a bad range or date", async () => {
    const missing = await t.call("GET", "/v1/journeys/nope/report");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const backwards = await t.call(
      "GET",
      `/v1/journeys/${journeyId}/report?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.problems).toMatchObject([{ path: "query.from", code: "invalid_range" }]);
    const hourly = await t.call(
      "GET",
      `/v1/journeys/${journeyId}/report?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&interval=hour`,
    );
    expect(hourly.status).toBe(400);
    expect(hourly.body.error.problems).toMatchObject([{ path: "query.interval" }]);
    const notADate = await t.call("GET", "/v1/reports/overview?from=yesterday");
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body.error.problems)).toContain("from");
  });
});
