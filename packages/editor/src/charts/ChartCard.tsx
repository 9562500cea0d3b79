import type { ReactNode } from "react";
import { DataTable } from "./DataTable.tsx";
import type { TableModel } from "./table-model.ts";

/**
 * A chart and, always under it, its table (with CSV): the chart for the shape, the table for the exact figures and
 * for readers who cannot see the chart. The chart itself is hidden from screen readers; the table says it all.
 */
export function ChartCard({
  title,
  note,
  chart,
  table,
}: {
  title: string;
  note?: ReactNode;
  chart?: ReactNode;
  table: TableModel;
}) {
  return (
    <section className="chart-card" aria-label={title}>
      <h2>{title}</h2>
      {note && <div className="chart-note">{note}</div>}
      {chart && table.rows.length > 0 && (
        <div className="chart-area" aria-hidden="true">
          {chart}
        </div>
      )}
      <DataTable table={table} />
    </section>
  );
}
