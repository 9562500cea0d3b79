import { describe, expect, it } from "vitest";
import { tableCsv } from "../charts/table-model.ts";
import {
  funnelTable,
  messageTable,
  noSignificanceWords,
  probabilityLine,
  seriesTable,
  significanceLine,
  splitTable,
} from "./journey-report-tables.ts";
import { journeyReportFixture as report } from "./report.fixture.ts";

describe("the journey report's tables (issue 14)", () => {
  it("has one series row per bucket, exported with ISO days and seconds to convert", () => {
    const table = seriesTable(report);
    expect(table.rows).toHaveLength(3);
    expect(table.columns[0]?.label).toBe("Day");
    expect(tableCsv(table).split("\r\n").slice(0, 3)).toEqual([
      "Day,Entries,Conversions,Conversion rate,Average time to convert (s)",
      "2026-11-01T00:00:00.000Z,100,10,0.1,3600",
      "2026-11-02T00:00:00.000Z,150,30,0.2,9000",
    ]);
    expect(tableCsv(table).split("\r\n")[3]).toBe("2026-11-03T00:00:00.000Z,50,5,0.1,");
  });

  it("names the bucket column after the interval", () => {
    expect(seriesTable({ ...report, interval: "hour" }).columns[0]).toEqual({ label: "Hour (UTC)", kind: "hour" });
    expect(seriesTable({ ...report, interval: "week" }).columns[0]?.label).toBe("Week of");
  });

  it("lists the funnel per step with its drop-off, a step without a name by its id", () => {
    const rows = funnelTable(report).rows;
    expect(rows[1]).toEqual(["Welcome, friend", "email", 300, 30, 0.1]);
    expect(rows[2]?.[0]).toBe("split");
  });

  it("gives every message figure with its rate, and the skipped ones by reason in words, most first", () => {
    const message = report.messages[0];
    if (!message) throw new Error("fixture has a message");
    const table = messageTable(message);
    expect(table.title).toBe("Message: Welcome, friend (email)");
    expect(table.rows).toEqual([
      ["Sent", 280, null],
      ["Delivered", 270, 270 / 280],
      ["Deferred", 4, null],
      ["Skipped", 16, null],
      ["Skipped: no consent", 13, 13 / 296],
      ["Skipped: quiet hours", 3, 3 / 296],
      ["Bounced", 10, 10 / 280],
      ["Failed", 0, null],
      ["Opened", 135, 0.5],
      ["Clicked", 27, 0.1],
      ["Unsubscribed", 1, 1 / 270],
    ]);
  });

  it("shows a split's arms with the probability each is best", () => {
    const split = report.splits[0];
    if (!split) throw new Error("fixture has a split");
    expect(splitTable(split).rows).toEqual([
      ["A: plain", 135, 15, 15 / 135, 0.008],
      ["B: emoji", 135, 30, 30 / 135, 0.992],
    ]);
    expect(probabilityLine(split)).toBe(
      "Bayesian probability to be best (Beta(1, 1) priors): A: plain 0.8 %, B: emoji 99.2 %.",
    );
  });

  it("writes the significance with the method and its figures", () => {
    const significance = report.splits[0]?.significance;
    if (!significance) throw new Error("fixture has a test");
    expect(significanceLine(significance)).toBe(
      "Chi-square test: χ² = 5.93, 1 degree of freedom, p = 0.015 — significant at 5 %.",
    );
    expect(significanceLine({ ...significance, degreesOfFreedom: 2, pValue: 0.0004, significant: false })).toBe(
      "Chi-square test: χ² = 5.93, 2 degrees of freedom, p < 0.001 — not significant at 5 %.",
    );
  });

  it("says why a split has no test", () => {
    const split = report.splits[0];
    if (!split) throw new Error("fixture has a split");
    expect(noSignificanceWords({ ...split, goal: null, significance: null })).toMatch(/no goal/);
    expect(noSignificanceWords({ ...split, significance: null })).toMatch(/too few customers/);
    expect(probabilityLine({ ...split, significance: null })).toBeNull();
  });

  it("exports a table whose names hold commas and quotes as valid CSV", () => {
    const csv = tableCsv(funnelTable(report));
    expect(csv.split("\r\n")[2]).toBe('"Welcome, friend",email,300,30,0.1');
  });
});
