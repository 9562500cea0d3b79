import "../pages/workspace.css";
import "./report.css";
import { useCallback, useEffect, useState } from "react";
import { AccountMenu } from "../account/AccountMenu.tsx";
import { ApiError, api, type JourneyRecord } from "../api/api-client.ts";
import { type ReportRange, reportApi } from "../api/segment-api.ts";
import { formatCount, formatDuration, formatRate } from "../charts/format.ts";
import { MissingJourney } from "../pages/MissingJourney.tsx";
import { routeHref } from "../route.ts";
import { JourneyTabs } from "./JourneyTabs.tsx";
import { ReportControls } from "./ReportControls.tsx";
import { ReportFunnel } from "./ReportFunnel.tsx";
import { ReportMessages } from "./ReportMessages.tsx";
import { ReportSeries } from "./ReportSeries.tsx";
import { ReportSplits } from "./ReportSplits.tsx";
import { DEFAULT_RANGE, type Interval, isRangeProblem, type RangeChoice, rangeQuery } from "./report-range.ts";
import { useReport } from "./use-report.ts";

/** A journey's report (`#/journeys/ID/report`): how it does over a chosen range, every chart with its table and CSV. */
export function JourneyReportPage({ journeyId }: { journeyId: string }) {
  const [journey, setJourney] = useState<JourneyRecord | null>(null);
  const [missing, setMissing] = useState(false);
  const [range, setRange] = useState<RangeChoice>(DEFAULT_RANGE);
  const [interval, setInterval] = useState<Interval>("day");
  // "Today" is fixed when the page opens, so the range does not creep while someone reads.
  const [now] = useState(() => Date.now());
  useEffect(() => {
    api
      .getJourney(journeyId)
      .then(setJourney)
      .catch((e: Error) => e instanceof ApiError && e.status === 404 && setMissing(true));
  }, [journeyId]);
  const query = rangeQuery(range, interval, now);
  const load = useCallback((r: ReportRange) => reportApi.journey(journeyId, r), [journeyId]);
  const { report, loading, error } = useReport(load, isRangeProblem(query) ? null : query);

  if (missing) return <MissingJourney />;
  return (
    <div className="list-page report-page">
      <header className="topbar workspace-bar">
        <a className="brand" href={routeHref({ page: "journeys" })}>
          Overture
        </a>
        <span className="crumb">/</span>
        <span className="report-journey-name" title={journey?.name}>
          {journey?.name ?? journeyId}
        </span>
        {journey && <span className={`status status-${journey.status}`}>{journey.status}</span>}
        <JourneyTabs journeyId={journeyId} current="report" />
        <span className="spacer" />
        <AccountMenu />
      </header>
      <main className="list-main workspace-main report-main">
        <ReportControls range={range} interval={interval} onRange={setRange} onInterval={setInterval} now={now} />
        {isRangeProblem(query) && (
          <p className="field-error" role="alert">
            {query.problem}
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            The report could not be loaded: {error}
          </p>
        )}
        {loading && !report && <p className="muted">Loading the report…</p>}
        {report && (
          <div className={`report-body ${loading ? "is-loading" : ""}`} aria-busy={loading}>
            <section className="headline report-totals" aria-label="Totals">
              <Total label="Entries" value={formatCount(report.totals.entries)} />
              <Total label="Conversions" value={formatCount(report.totals.conversions)} />
              <Total label="Conversion rate" value={formatRate(report.totals.conversionRate)} />
              <Total label="Average time to convert" value={formatDuration(report.totals.avgTimeToConvertMs)} />
              <Total label="Completed" value={formatCount(report.totals.completed)} />
              <Total label="Exited" value={formatCount(report.totals.exited)} />
            </section>
            <ReportSeries report={report} />
            <ReportFunnel report={report} />
            <ReportMessages report={report} />
            <ReportSplits report={report} />
          </div>
        )}
      </main>
    </div>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
}
