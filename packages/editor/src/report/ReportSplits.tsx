import type { JourneyReport } from "../api/segment-api.ts";
import { BarsChart } from "../charts/BarsChart.tsx";
import { ChartCard } from "../charts/ChartCard.tsx";
import { noSignificanceWords, probabilityLine, significanceLine, splitTable } from "./journey-report-tables.ts";

type Split = JourneyReport["splits"][number];

/** Each split's arms on the journey's goal, with whether their difference is significant and how that was decided. */
export function ReportSplits({ report }: { report: JourneyReport }) {
  return (
    <>
      {report.splits.map((split) => {
        const table = splitTable(split);
        return (
          <ChartCard
            key={split.stepId}
            title={table.title}
            note={<SignificanceNote split={split} />}
            table={table}
            chart={
              <BarsChart
                category="arm"
                values="rate"
                rows={split.arms.map((a) => ({ arm: a.label || a.armId, rate: a.conversionRate ?? 0 }))}
                series={[{ key: "rate", label: split.goal ? `Conversion rate (${split.goal})` : "Conversion rate" }]}
              />
            }
          />
        );
      })}
    </>
  );
}

function SignificanceNote({ split }: { split: Split }) {
  const s = split.significance;
  if (!s) return <p className="muted">{noSignificanceWords(split)}</p>;
  const bayes = probabilityLine(split);
  return (
    <div className={`significance ${s.significant ? "is-significant" : ""}`} role="note" aria-label="Significance">
      <p className="significance-verdict">{s.note}</p>
      <p className="significance-method">{significanceLine(s)}</p>
      {bayes && <p className="significance-method">{bayes}</p>}
    </div>
  );
}
