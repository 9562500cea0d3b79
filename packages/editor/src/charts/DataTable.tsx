import { csvFileName } from "./csv.ts";
import { formatCell, type TableModel, tableCsv } from "./table-model.ts";

/** Number-like columns sit right-aligned with tabular figures so digits line up. */
const TEXT_KINDS = new Set(["text"]);

/**
 * A report's table, with its "Download CSV" button: the figures a chart draws, exact and readable by a screen reader,
 * and the same rows as a file.
 */
export function DataTable({ table, empty = "Nothing in this range." }: { table: TableModel; empty?: string }) {
  return (
    <div className="data-table">
      <div className="data-table-head">
        <span className="section-title">{table.title}</span>
        <button
          type="button"
          className="csv-button"
          onClick={() => downloadCsv(table)}
          aria-label={`Download CSV of ${table.title}`}
        >
          Download CSV
        </button>
      </div>
      {table.rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="journey-table report-table" aria-label={table.title}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.label} scope="col" className={TEXT_KINDS.has(c.kind) ? undefined : "num"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                // Rows have no id of their own; their order is the report's.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are redrawn whole with each report
                <tr key={r}>
                  {table.columns.map((c, i) => (
                    <td key={c.label} className={TEXT_KINDS.has(c.kind) ? undefined : "num"}>
                      {formatCell(c.kind, row[i] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function downloadCsv(table: TableModel): void {
  const url = URL.createObjectURL(new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = csvFileName(table.title);
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
