import "./report.css";
import { useState } from "react";
import { type ReportRange, reportApi } from "../api/segment-api.ts";
import { BarsChart } from "../charts/BarsChart.tsx";
import { ChartCard } from "../charts/ChartCard.tsx";
import { formatBucket } from "../charts/format.ts";
import { WorkspacePageFrame } from "../pages/WorkspaceNav.tsx";
import {
  activeJourneysTable,
  channelWords,
  deliverabilityTable,
  messagesPerDay,
  messagesPerDayTable,
  segmentSizesTable,
  topContentTable,
} from "./overview-tables.ts";
import { ReportControls } from "./ReportControls.tsx";
import { DEFAULT_RANGE, isRangeProblem, type RangeChoice, rangeQuery } from "./report-range.ts";
import { useReport } from "./use-report.ts";

const loadOverview = (range: ReportRange) => reportApi.overview(range);

/** The workspace's reports (`#/reports`): journeys, messages, deliverability, content and segments over a range. */
export function ReportsOverviewPage() {
  const [range, setRange] = useState<RangeChoice>(DEFAULT_RANGE);
  const [now] = useState(() => Date.now());
  const query = rangeQuery(range, "day", now);
  const { report, loading, error } = useReport(loadOverview, isRangeProblem(query) ? null : query);
  const perDay = report ? messagesPerDay(report) : null;
  return (
    <WorkspacePageFrame current="reports">
      <div className="page-head">
        <div>
          <h1>Reports</h1>
          <p className="muted">How the workspace's journeys, messages, content and segments did.</p>
        </div>
      </div>
      <ReportControls
        range={range}
        interval="day"
        onRange={setRange}
        onInterval={() => {}}
        now={now}
        showInterval={false}
      />
      {isRangeProblem(query) && (
        <p className="field-error" role="alert">
          {query.problem}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          The overview could not be loaded: {error}
        </p>
      )}
      {loading && !report && <p className="muted">Loading the overview…</p>}
      {report && perDay && (
        <div className={`report-body ${loading ? "is-loading" : ""}`} aria-busy={loading}>
          <ChartCard
            title="Active journeys"
            table={activeJourneysTable(report)}
            chart={
              <BarsChart
                layout="vertical"
                category="journey"
                rows={report.activeJourneys.map((j) => ({
                  journey: j.name || j.journeyId,
                  entries: j.entries,
                  conversions: j.conversions,
                }))}
                series={[
                  { key: "entries", label: "Entries" },
                  { key: "conversions", label: "Conversions" },
                ]}
              />
            }
          />
          <ChartCard
            title="Messages per channel per day"
            table={messagesPerDayTable(report)}
            chart={
              <BarsChart
                stacked
                category="day"
                categoryFormat={(day) => formatBucket(Number(day), "day")}
                rows={perDay.days.map(({ day, sent }) => ({ day, ...sent }))}
                series={perDay.channels.map((c) => ({ key: c, label: channelWords(c) }))}
              />
            }
          />
          <ChartCard title="Deliverability" table={deliverabilityTable(report)} />
          <ChartCard
            title="Top content by dwell time"
            table={topContentTable(report)}
            chart={
              <BarsChart
                layout="vertical"
                category="content"
                rows={report.topContent.map((c) => ({
                  content: c.title ?? c.contentId,
                  minutes: Math.round(c.dwellMs / 60_000),
                }))}
                series={[{ key: "minutes", label: "Minutes read" }]}
              />
            }
          />
          <ChartCard
            title="Segment sizes"
            table={segmentSizesTable(report)}
            chart={
              <BarsChart
                layout="vertical"
                category="segment"
                rows={report.segments.map((s) => ({ segment: s.name || s.segmentId, customers: s.size }))}
                series={[{ key: "customers", label: "Customers" }]}
              />
            }
          />
        </div>
      )}
    </WorkspacePageFrame>
  );
}
