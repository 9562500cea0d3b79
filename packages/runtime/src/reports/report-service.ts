import type { JourneyDocument } from "@overture/core";
import type { Clock } from "../clock/clock.ts";
import type { JourneyService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";
import { buildJourneyReport } from "./journey-report.ts";
import { type ActiveJourney, buildOverview } from "./overview-report.ts";
import { parseReportRange } from "./report-range.ts";
import type { JourneyReport, ReportQueryInput, ReportsOverview } from "./report-types.ts";

/** A segment's current size, for the overview (the segment service provides them; none until it is wired). */
export type SegmentSize = { segmentId: string; name: string; size: number };

/** The journey report and the workspace overview, read from the counters the engine and the dispatcher keep. */
export type ReportService = {
  /** Throws InputError `not_found` for an unknown journey, `invalid_input` for a bad range. */
  journeyReport(workspaceId: string, journeyId: string, query?: ReportQueryInput): Promise<JourneyReport>;
  overview(workspaceId: string, query?: ReportQueryInput): Promise<ReportsOverview>;
  /** Plugs in what other owners provide, once they are open (serve wires the segment sizes and content titles). */
  provide(parts: ReportServiceOptions): void;
};

export type ReportServiceOptions = {
  /** The workspace's segments and their sizes; absent: the overview lists none. */
  segmentSizes?: (workspaceId: string) => Promise<SegmentSize[]>;
  /** Content titles by id (the content library is the channels package's); absent: titles are null. */
  contentTitles?: (workspaceId: string, ids: string[]) => Promise<Map<string, string>>;
};

export function createReportService(
  store: Store,
  clock: Clock,
  journeys: JourneyService,
  given: ReportServiceOptions = {},
): ReportService {
  const options: ReportServiceOptions = { ...given };
  const documentOf = async (workspaceId: string, journeyId: string) => {
    const journey = await journeys.get(workspaceId, journeyId);
    if (journey.currentVersion !== null)
      return { journey, document: (await journeys.version(workspaceId, journeyId, journey.currentVersion)).document };
    // Never published: nothing was counted, but the funnel can still name the draft's steps.
    const draft = journey.draft as Partial<JourneyDocument> | null;
    return {
      journey,
      document: draft && Array.isArray(draft.steps) ? (draft as JourneyDocument) : null,
    };
  };
  return {
    provide(parts) {
      Object.assign(options, parts);
    },
    async journeyReport(workspaceId, journeyId, query = {}) {
      const range = parseReportRange(query, clock.now());
      const { document } = await documentOf(workspaceId, journeyId);
      return buildJourneyReport(store.sql, workspaceId, journeyId, document, range);
    },
    async overview(workspaceId, query = {}) {
      const range = parseReportRange(query, clock.now());
      const active: ActiveJourney[] = (await journeys.list(workspaceId))
        .filter((j) => j.status === "active" && j.currentVersion !== null)
        .map((j) => ({ journeyId: j.id, name: j.name }));
      return buildOverview(store.sql, workspaceId, range, {
        journeys: active,
        segments: options.segmentSizes ? await options.segmentSizes(workspaceId) : [],
        ...(options.contentTitles
          ? {
              contentTitles: (ids: string[]) => options.contentTitles?.(workspaceId, ids) ?? Promise.resolve(new Map()),
            }
          : {}),
      });
    },
  };
}
