import type { JourneyReport } from "../api/segment-api.ts";
import { ChartCard } from "../charts/ChartCard.tsx";
import { TimeSeriesChart } from "../charts/TimeSeriesChart.tsx";
import { seriesTable } from "./journey-report-tables.ts";

/** Entries, conversions, conversion rate and time to convert over time: three small charts over one table. */
export function ReportSeries({ report }: { report: JourneyReport }) {
  const rows = report.series.map((p) => ({
    at: p.at,
    entries: p.entries,
    conversions: p.conversions,
    rate: p.conversionRate,
    // Minutes would be rounder, but the axis formats milliseconds in the largest units anyway.
    time: p.avgTimeToConvertMs,
  }));
  const interval = report.interval;
  return (
    <ChartCard
      title="Over time"
      table={seriesTable(report)}
      chart={
        <div className="chart-grid">
          <figure>
            <figcaption>Entries and conversions</figcaption>
            <TimeSeriesChart
              rows={rows}
              kind="count"
              interval={interval}
              series={[
                { key: "entries", label: "Entries" },
                { key: "conversions", label: "Conversions" },
              ]}
            />
          </figure>
          <figure>
            <figcaption>Conversion rate</figcaption>
            <TimeSeriesChart rows={rows} kind="rate" interval={interval} series={[{ key: "rate", label: "Rate" }]} />
          </figure>
          <figure>
            <figcaption>Average time to convert</figcaption>
            <TimeSeriesChart
              rows={rows}
              kind="duration"
              interval={interval}
              series={[{ key: "time", label: "Time to convert" }]}
            />
          </figure>
        </div>
      }
    />
  );
}
