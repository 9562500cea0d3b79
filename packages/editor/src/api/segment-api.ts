import {
  contract as c,
  type JourneyReportSchema,
  type ReportQuery,
  type ReportsOverviewSchema,
  type SegmentDetailSchema,
  type SegmentEstimateSchema,
  type SegmentInput,
  type SegmentSchema,
} from "@overture/api-contract";
import type { SegmentRule } from "@overture/core";
import type { z } from "zod";
import { request } from "./api-client.ts";

/** A segment as listed (GET /v1/segments). */
export type Segment = z.output<typeof SegmentSchema>;
/** A segment with its size over time (GET /v1/segments/:id). */
export type SegmentDetail = z.output<typeof SegmentDetailSchema>;
export type SegmentEstimate = z.output<typeof SegmentEstimateSchema>;
export type SegmentDraft = z.input<typeof SegmentInput>;

/** The calls of audiences (issue 14). */
export const segmentApi = {
  list: () => request(c.listSegments).then((r) => r.segments),
  get: (id: string) => request(c.getSegment, { params: { id } }),
  create: (segment: SegmentDraft) => request(c.createSegment, { body: segment }),
  update: (id: string, segment: SegmentDraft) => request(c.updateSegment, { params: { id }, body: segment }),
  remove: (id: string) => request(c.deleteSegment, { params: { id } }),
  estimate: (rule: SegmentRule) => request(c.estimateSegment, { body: { rule } }),
  members: (id: string, after?: string, limit = 50) =>
    request(c.listSegmentMembers, { params: { id }, query: after ? { after, limit } : { limit } }),
  importCsv: (id: string, csv: string, mode: "replace" | "add" = "replace") =>
    request(c.importSegmentMembers, { params: { id }, body: { csv, mode } }),
};

export type JourneyReport = z.output<typeof JourneyReportSchema>;
export type ReportsOverview = z.output<typeof ReportsOverviewSchema>;
export type ReportRange = z.input<typeof ReportQuery>;

/** The calls of reports (issue 14). */
export const reportApi = {
  journey: (journeyId: string, range: ReportRange = {}) =>
    request(c.getJourneyReport, { params: { id: journeyId }, query: range }),
  overview: (range: ReportRange = {}) => request(c.getReportsOverview, { query: range }),
};
