import { JourneyReportSchema, ReportQuery, ReportsOverviewSchema } from "@overture/api-contract";
import { listContent } from "@overture/channels";
import { createReportService, InputError, type ReportService } from "@overture/runtime";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";

const tag = "Reports";
const rangeDoc =
  "The range is [from, to), read in whole hours (UTC); default the last 30 days. At most 400 days, and at most 31 at interval=hour.";

/** The runtime's report service, or one made on the opened store when the API was given none. */
function reportsOf(overture: OvertureApi): ReportService {
  if (overture.reports) return overture.reports;
  if (!overture.store) throw new InputError("unavailable", "Reports need the runtime's store on this server.");
  return createReportService(overture.store, overture.clock, overture.journeys);
}

/** Content titles for the overview's top content: the content library is the channels package's. */
async function withTitles(overture: OvertureApi, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || !overture.store) return new Map();
  const wanted = new Set(ids);
  const items = await listContent(await portalStore(overture), workspaceId);
  return new Map(items.filter((i) => wanted.has(i.id)).map((i) => [i.id, i.title]));
}

/** GET /v1/journeys/:id/report and GET /v1/reports/overview (issue 14): read from hourly counters, never raw events. */
export const reportRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/report",
    operationId: "getJourneyReport",
    summary: "A journey's report: entries and conversions over time, the funnel, messages, split arms",
    description: `Entries, conversions, conversion rate and time to convert per bucket; the funnel per step with drop-off; each message step's outcomes and rates; each split's arms with a chi-square test and the Bayesian probability to be best. ${rangeDoc}`,
    tag,
    auth: "secret",
    query: ReportQuery,
    success: { status: 200, description: "The report.", schema: JourneyReportSchema },
    errors: [404],
    handle: ({ overture, workspaceId, params, query }) =>
      reportsOf(overture).journeyReport(workspaceId, params.id ?? "", query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/reports/overview",
    operationId: "getReportsOverview",
    summary:
      "The workspace overview: active journeys, messages per channel per day, deliverability, top content, segments",
    description: `Active journeys with their entries and conversions in the range, messages sent per channel per day, bounces, complaints and unsubscribes, content by dwell time, and segment sizes. ${rangeDoc}`,
    tag,
    auth: "secret",
    query: ReportQuery,
    success: { status: 200, description: "The overview.", schema: ReportsOverviewSchema },
    handle: async ({ overture, workspaceId, query }) => {
      const overview = await reportsOf(overture).overview(workspaceId, query);
      const missing = overview.topContent.filter((c) => c.title === null).map((c) => c.contentId);
      if (missing.length === 0) return overview;
      const titles = await withTitles(overture, workspaceId, missing);
      return {
        ...overview,
        topContent: overview.topContent.map((c) => ({ ...c, title: c.title ?? titles.get(c.contentId) ?? null })),
      };
    },
  }),
];
