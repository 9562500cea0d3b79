import { type CsvCell, toCsv } from "./csv.ts";
import { formatBucket, formatCount, formatDecimal, formatDuration, formatPValue, formatRate } from "./format.ts";

/** What a column holds, which says how the screen writes it and how the CSV does. */
export type ColumnKind = "text" | "count" | "rate" | "duration" | "decimal" | "p-value" | "day" | "hour";

export type Column = { label: string; kind: ColumnKind };

/**
 * A table of a report: what the screen shows under each chart and what its CSV button downloads, from the same rows.
 * Cells hold raw values (counts, shares between 0 and 1, milliseconds, bucket starts in epoch ms).
 */
export type TableModel = { title: string; columns: Column[]; rows: CsvCell[][] };

/** A cell as the screen shows it. */
export function formatCell(kind: ColumnKind, value: CsvCell): string {
  if (value === null) return "—";
  if (typeof value !== "number") return String(value);
  switch (kind) {
    case "count":
      return formatCount(value);
    case "rate":
      return formatRate(value);
    case "duration":
      return formatDuration(value);
    case "decimal":
      return formatDecimal(value);
    case "p-value":
      return formatPValue(value);
    case "day":
      return formatBucket(value, "day");
    case "hour":
      return formatBucket(value, "hour");
    default:
      return String(value);
  }
}

/**
 * The table as CSV: times as ISO 8601 (UTC), durations in seconds, rates as shares between 0 and 1, so a spreadsheet
 * can compute with every number; the headers say the units.
 */
export function tableCsv(table: TableModel): string {
  const header = table.columns.map((c) => (c.kind === "duration" ? `${c.label} (s)` : c.label));
  const rows = table.rows.map((row) =>
    row.map((cell, i) => {
      const kind = table.columns[i]?.kind;
      if (typeof cell !== "number") return cell;
      if (kind === "day" || kind === "hour") return new Date(cell).toISOString();
      if (kind === "duration") return Math.round(cell / 1000);
      return cell;
    }),
  );
  return toCsv(header, rows);
}
