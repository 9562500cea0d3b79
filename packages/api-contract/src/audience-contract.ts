import type { Operation } from "./operation.ts";
import { JourneyReportSchema, ReportQuery, ReportsOverviewSchema } from "./reports.ts";
import {
  SegmentDeletedSchema,
  SegmentDetailSchema,
  SegmentEstimateInput,
  SegmentEstimateSchema,
  SegmentImportInput,
  SegmentImportSchema,
  SegmentInput,
  SegmentListSchema,
  SegmentMembersQuery,
  SegmentMembersSchema,
  SegmentSchema,
} from "./segments.ts";

/**
 * The operations of audiences and reports (issue 14): segments, their members, estimates and imports; the journey
 * report and the workspace overview. Spread into {@link contract}.
 */
export const audienceContract = {
  createSegment: { method: "post", path: "/v1/segments", status: 201, body: SegmentInput, response: SegmentSchema },
  listSegments: { method: "get", path: "/v1/segments", status: 200, response: SegmentListSchema },
  estimateSegment: {
    method: "post",
    path: "/v1/segments/estimate",
    status: 200,
    body: SegmentEstimateInput,
    response: SegmentEstimateSchema,
  },
  getSegment: { method: "get", path: "/v1/segments/:id", status: 200, response: SegmentDetailSchema },
  updateSegment: { method: "put", path: "/v1/segments/:id", status: 200, body: SegmentInput, response: SegmentSchema },
  deleteSegment: { method: "delete", path: "/v1/segments/:id", status: 200, response: SegmentDeletedSchema },
  listSegmentMembers: {
    method: "get",
    path: "/v1/segments/:id/members",
    status: 200,
    query: SegmentMembersQuery,
    response: SegmentMembersSchema,
  },
  importSegmentMembers: {
    method: "post",
    path: "/v1/segments/:id/members/import",
    status: 200,
    body: SegmentImportInput,
    response: SegmentImportSchema,
  },
  getJourneyReport: {
    method: "get",
    path: "/v1/journeys/:id/report",
    status: 200,
    query: ReportQuery,
    response: JourneyReportSchema,
  },
  getReportsOverview: {
    method: "get",
    path: "/v1/reports/overview",
    status: 200,
    query: ReportQuery,
    response: ReportsOverviewSchema,
  },
} as const satisfies Record<string, Operation>;
