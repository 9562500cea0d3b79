import { describe, expect, it } from "vitest";
import { tableCsv } from "../charts/table-model.ts";
import {
  activeJourneysTable,
  deliverabilityTable,
  messagesPerDay,
  messagesPerDayTable,
  segmentSizesTable,
  topContentTable,
} from "./overview-tables.ts";
import { overviewFixture as overview } from "./report.fixture.ts";

describe("the reports overview's tables (issue 14)", () => {
  it("lists active journeys, most entries first", () => {
    expect(activeJourneysTable(overview).rows.map((r) => r[0])).toEqual(["Welcome", "Renewal"]);
  });

  it("puts messages per day in one row per day and one column per channel, 0 where a channel sent nothing", () => {
    const { channels, days } = messagesPerDay(overview);
    expect(channels).toEqual(["notification", "email", "sms"]);
    expect(days.map((d) => d.sent)).toEqual([
      { notification: 0, email: 100, sms: 5 },
      { notification: 300, email: 180, sms: 0 },
    ]);
    expect(tableCsv(messagesPerDayTable(overview)).split("\r\n").slice(0, 3)).toEqual([
      "Day,Portal inbox,Email,SMS,Total",
      "2026-11-01T00:00:00.000Z,0,100,5,105",
      "2026-11-02T00:00:00.000Z,300,180,0,480",
    ]);
  });

  it("gives deliverability with the share of sent for each figure", () => {
    const rows = deliverabilityTable(overview).rows;
    expect(rows.map((r) => r[0])).toEqual(["Sent", "Delivered", "Bounced", "Complaints", "Unsubscribed"]);
    expect(rows[1]?.[2]).toBeCloseTo(570 / 585);
    expect(rows[3]).toEqual(["Complaints", 1, 1 / 585]);
  });

  it("ranks content by total dwell time, untitled content by its id, with the time per view", () => {
    expect(topContentTable(overview).rows).toEqual([
      ["c2", 10, 1_800_000, 180_000],
      ["Getting started", 40, 600_000, 15_000],
    ]);
  });

  it("lists segments, largest first", () => {
    expect(segmentSizesTable(overview).rows).toEqual([
      ["Everyone", 5000],
      ["Bought, no login", 120],
    ]);
  });
});
