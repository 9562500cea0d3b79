/** A cell of a table as exported: numbers stay numbers (a spreadsheet sums them), null is an empty cell. */
export type CsvCell = string | number | boolean | null;

/**
 * A table as CSV (RFC 4180): commas between cells, CRLF between rows, a cell quoted when it holds a comma, a quote or a
 * line break, its quotes doubled. A text cell that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'` so a
 * spreadsheet shows a step named "=SUM(A1)" instead of running it; numbers are never touched.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvCell(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell !== "string") return String(cell);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A file name from a title: lower-case words joined by dashes, `.csv` at the end. */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "table"}.csv`;
}
