import { describe, expect, it } from "vitest";
import { formatCell, type TableModel, tableCsv } from "./table-model.ts";

const TABLE: TableModel = {
  title: "Hours",
  columns: [
    { label: "Hour (UTC)", kind: "hour" },
    { label: "Rate", kind: "rate" },
    { label: "Time", kind: "duration" },
    { label: "p", kind: "p-value" },
  ],
  rows: [[Date.UTC(2026, 11, 5, 14), 0.25, 90_500, 0.0004]],
};

describe("a report table on screen and as CSV (issue 14)", () => {
  it("writes cells for reading: hours in UTC, rates in percent, durations in units, small p-values bounded", () => {
    const row = TABLE.rows[0] ?? [];
    expect(TABLE.columns.map((c, i) => formatCell(c.kind, row[i] ?? null))).toEqual([
      "5 Dec, 14:00 UTC",
      "25.0 %",
      "2 min",
      "< 0.001",
    ]);
    expect(formatCell("count", null)).toBe("—");
  });

  it("writes the same cells for computing: ISO times, shares, whole seconds (named in the header), raw p", () => {
    expect(tableCsv(TABLE)).toBe("Hour (UTC),Rate,Time (s),p\r\n2026-12-05T14:00:00.000Z,0.25,91,0.0004\r\n");
  });
});
