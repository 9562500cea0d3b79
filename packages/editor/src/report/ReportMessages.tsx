import type { JourneyReport } from "../api/segment-api.ts";
import { BarsChart } from "../charts/BarsChart.tsx";
import { ChartCard } from "../charts/ChartCard.tsx";
import { messageTable } from "./journey-report-tables.ts";

/** Each message step's outcomes: how far its messages got (sent → delivered → opened → clicked), then every figure. */
export function ReportMessages({ report }: { report: JourneyReport }) {
  if (report.messages.length === 0)
    return (
      <section className="chart-card" aria-label="Messages">
        <h2>Messages</h2>
        <p className="muted">This journey sends no messages.</p>
      </section>
    );
  return (
    <>
      {report.messages.map((m) => {
        const table = messageTable(m);
        return (
          <ChartCard
            key={m.stepId}
            title={table.title}
            table={table}
            chart={
              <BarsChart
                category="figure"
                rows={[
                  { figure: "Sent", messages: m.sent },
                  { figure: "Delivered", messages: m.delivered },
                  { figure: "Opened", messages: m.opened },
                  { figure: "Clicked", messages: m.clicked },
                  { figure: "Bounced", messages: m.bounced },
                  { figure: "Unsubscribed", messages: m.unsubscribed },
                ]}
                series={[{ key: "messages", label: "Messages" }]}
              />
            }
          />
        );
      })}
    </>
  );
}
