import { METRIC } from "../store/report-rollups.ts";
import type { SqlRunner } from "../store/sql-runner.ts";
import { bucketOf, hoursOf } from "./report-range.ts";
import { marks, sumRollups } from "./report-reads.ts";
import type { ReportRange, ReportsOverview } from "./report-types.ts";
import { rate } from "./report-types.ts";

/** How many content items the overview lists, by dwell time. */
const TOP_CONTENT = 10;

/** An active journey as the overview lists it. */
export type ActiveJourney = { journeyId: string; name: string };

/** The workspace overview over a range, from the hourly counters; titles and segment sizes come from their owners. */
export async function buildOverview(
  sql: SqlRunner,
  workspaceId: string,
  range: ReportRange,
  parts: {
    journeys: ActiveJourney[];
    segments: Array<{ segmentId: string; name: string; size: number }>;
    contentTitles?: (ids: string[]) => Promise<Map<string, string>>;
  },
): Promise<ReportsOverview> {
  const hours = hoursOf(range);
  const outcomes = [METRIC.sent, METRIC.delivered, METRIC.bounced, METRIC.complained, METRIC.unsubscribed];
  const contentMetrics = [METRIC.contentViews, METRIC.contentDwell];
  const [flows, sentByHour, deliverability, content] = await Promise.all([
    sumRollups(sql, workspaceId, hours, {
      by: ["journey_id", "metric"],
      filter: `metric IN (?, ?)`,
      params: [METRIC.entered, METRIC.convertN],
    }),
    sumRollups(sql, workspaceId, hours, { by: ["hour", "dim"], filter: "metric = ?", params: [METRIC.sent] }),
    sumRollups(sql, workspaceId, hours, {
      by: ["metric"],
      filter: `metric IN (${marks(outcomes)})`,
      params: outcomes,
    }),
    sumRollups(sql, workspaceId, hours, {
      by: ["step_id", "metric"],
      filter: `journey_id = '' AND metric IN (${marks(contentMetrics)})`,
      params: contentMetrics,
    }),
  ]);
  const activeJourneys = parts.journeys.map((j) => {
    let entries = 0;
    let conversions = 0;
    for (const f of flows) {
      if (f.journeyId !== j.journeyId) continue;
      if (f.metric === METRIC.convertN) conversions += f.n;
      else entries += f.n;
    }
    return { journeyId: j.journeyId, name: j.name, entries, conversions, conversionRate: rate(conversions, entries) };
  });
  const perDay = new Map<string, { day: number; channel: string; sent: number }>();
  for (const r of sentByHour) {
    const day = bucketOf(r.hour, "day");
    const key = `${day}\u0000${r.dim}`;
    const known = perDay.get(key);
    if (known) known.sent += r.n;
    else perDay.set(key, { day, channel: r.dim, sent: r.n });
  }
  const total = (metric: string) => deliverability.reduce((a, r) => (r.metric === metric ? a + r.n : a), 0);
  const sent = total(METRIC.sent);
  const items = new Map<string, { dwellMs: number; views: number }>();
  for (const r of content) {
    const item = items.get(r.stepId) ?? { dwellMs: 0, views: 0 };
    if (r.metric === METRIC.contentDwell) item.dwellMs += r.n;
    else item.views += r.n;
    items.set(r.stepId, item);
  }
  const top = [...items]
    .sort((a, b) => b[1].dwellMs - a[1].dwellMs || b[1].views - a[1].views || a[0].localeCompare(b[0]))
    .slice(0, TOP_CONTENT);
  const titles = parts.contentTitles ? await parts.contentTitles(top.map(([id]) => id)) : new Map<string, string>();
  return {
    from: range.from,
    to: range.to,
    activeJourneys,
    messagesPerDay: [...perDay.values()].sort((a, b) => a.day - b.day || a.channel.localeCompare(b.channel)),
    deliverability: {
      sent,
      delivered: total(METRIC.delivered),
      bounced: total(METRIC.bounced),
      complaints: total(METRIC.complained),
      unsubscribed: total(METRIC.unsubscribed),
      rates: {
        bounced: rate(total(METRIC.bounced), sent),
        complaints: rate(total(METRIC.complained), sent),
        unsubscribed: rate(total(METRIC.unsubscribed), sent),
      },
    },
    topContent: top.map(([contentId, v]) => ({ contentId, title: titles.get(contentId) ?? null, ...v })),
    segments: parts.segments,
  };
}
