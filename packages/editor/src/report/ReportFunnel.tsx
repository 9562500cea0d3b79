import type { JourneyReport } from "../api/segment-api.ts";
import { BarsChart } from "../charts/BarsChart.tsx";
import { ChartCard } from "../charts/ChartCard.tsx";
import { funnelTable } from "./journey-report-tables.ts";

/** The funnel per step: how many reached each step, and how many of them went no further. */
export function ReportFunnel({ report }: { report: JourneyReport }) {
  return (
    <ChartCard
      title="Funnel"
      note={<p className="muted">Customers who reached each step in this range, and how many went no further.</p>}
      table={funnelTable(report)}
      chart={
        <BarsChart
          layout="vertical"
          category="step"
          rows={report.funnel.map((s) => ({ step: s.name || s.stepId, reached: s.reached, dropOff: s.dropOff }))}
          series={[
            { key: "reached", label: "Reached" },
            { key: "dropOff", label: "Went no further" },
          ]}
        />
      }
    />
  );
}
