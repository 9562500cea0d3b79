import { parse } from "csv-parse/sync";

/** Header names that mark the column of customer ids (compared without case, `_` or `-`). */
const ID_HEADERS = new Set(["customerid", "id"]);
const MAX_ID_LENGTH = 200;

/** The customer ids of a CSV, each once in the order first seen, and the lines that gave none (1-based). */
export type CustomerIdCsv = { ids: string[]; skipped: Array<{ line: number; reason: string }> };

/**
 * Reads a static segment's CSV: a header row naming a `customerId` (or `id`) column, other columns ignored; or, with
 * no such header, one customer id per line. Blank lines are passed over; a line with no id, an id longer than 200
 * characters, extra columns without a header, or broken quoting is listed with its line number.
 */
export function readCustomerIdCsv(csv: string): CustomerIdCsv {
  const skipped: CustomerIdCsv["skipped"] = [];
  const records = parse(csv, {
    bom: true,
    info: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) skipped.push({ line: lineOf(error), reason: `not readable as CSV: ${error.message}` });
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const first = records[0]?.record ?? [];
  const header = first.findIndex((cell) => ID_HEADERS.has(cell.toLowerCase().replace(/[_-]/g, "")));
  const rows = header >= 0 ? records.slice(1) : records;
  const seen = new Set<string>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (header < 0 && record.filter((cell) => cell !== "").length > 1) {
      skipped.push({ line, reason: "more than one value: add a header row naming the customerId column" });
      continue;
    }
    const id = header >= 0 ? (record[header] ?? "") : (record.find((cell) => cell !== "") ?? "");
    if (id === "") skipped.push({ line, reason: "no customer id" });
    else if (id.length > MAX_ID_LENGTH)
      skipped.push({ line, reason: `the id is longer than ${MAX_ID_LENGTH} characters` });
    else seen.add(id);
  }
  skipped.sort((a, b) => a.line - b.line);
  return { ids: [...seen], skipped };
}

function lineOf(error: Error): number {
  const lines = (error as Error & { lines?: unknown }).lines;
  return typeof lines === "number" ? lines : 0;
}
