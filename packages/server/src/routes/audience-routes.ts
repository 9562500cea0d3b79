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
} from "@overture/api-contract";
import { InputError, type SegmentService } from "@overture/runtime";
import { auditedChange } from "../access/audit-route.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Segments";
const id = (params: Record<string, string>) => params.id ?? "";

function segmentsOf(overture: OvertureApi): SegmentService {
  if (!overture.segments) throw new InputError("unavailable", "Segments are not available on this server.");
  return overture.segments;
}

/** Segments (issue 14): definitions, their size and uses, members, a live estimate while editing, CSV import. */
export const audienceRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/segments",
    operationId: "createSegment",
    summary: "Create a segment",
    description:
      "Dynamic (a rule, kept current as customers act; built for everyone first: `status` is `building` until done) or static " +
      "(members imported from a CSV). The id is a slug of the name, unique in the workspace. A rule naming an unknown " +
      "segment, journey or step, or going round through other segments, is refused with 400 and every problem's `path`.",
    tag,
    auth: "secret",
    body: SegmentInput,
    errors: [400],
    success: { status: 201, description: "The segment as created.", schema: SegmentSchema },
    handle: async ({ overture, workspaceId, body, c: ctx }) =>
      auditedChange(ctx, Promise.resolve(null), () => segmentsOf(overture).create(workspaceId, body)),
  }),
  defineRoute({
    method: "get",
    path: "/v1/segments",
    operationId: "listSegments",
    summary: "List the workspace's segments",
    description: "Live (not deleted) segments by name, each with its size now and the journeys that name it.",
    tag,
    auth: "secret",
    success: { status: 200, description: "Every segment.", schema: SegmentListSchema },
    handle: async ({ overture, workspaceId }) => ({ segments: await segmentsOf(overture).listSegments(workspaceId) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/segments/estimate",
    operationId: "estimateSegment",
    summary: "Estimate how many customers a rule would hold now",
    description:
      "Exact in a workspace of at most 5,000 customers; above, a uniform random sample of 5,000 is evaluated and scaled " +
      "up, with a 95% interval (`low`..`high`). Nothing is saved.",
    tag,
    auth: "secret",
    body: SegmentEstimateInput,
    success: { status: 200, description: "The estimate.", schema: SegmentEstimateSchema },
    handle: async ({ overture, workspaceId, body }) => segmentsOf(overture).estimate(workspaceId, body.rule),
  }),
  defineRoute({
    method: "get",
    path: "/v1/segments/:id",
    operationId: "getSegment",
    summary: "Read a segment with its size over time",
    tag,
    auth: "secret",
    errors: [404],
    success: { status: 200, description: "The segment and its hourly size history.", schema: SegmentDetailSchema },
    handle: async ({ overture, workspaceId, params }) => segmentsOf(overture).get(workspaceId, id(params)),
  }),
  defineRoute({
    method: "put",
    path: "/v1/segments/:id",
    operationId: "updateSegment",
    summary: "Change a segment's name, description or rule",
    description:
      "A new rule is built again for everyone (`status` `building`; the members of the old rule stand until then). The kind " +
      "cannot change.",
    tag,
    auth: "secret",
    body: SegmentInput,
    errors: [400, 404],
    success: { status: 200, description: "The segment as saved.", schema: SegmentSchema },
    handle: async ({ overture, workspaceId, params, body, c: ctx }) => {
      const segments = segmentsOf(overture);
      return auditedChange(ctx, segments.get(workspaceId, id(params)), () =>
        segments.update(workspaceId, id(params), body),
      );
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/segments/:id",
    operationId: "deleteSegment",
    summary: "Delete a segment",
    description:
      "Refused with 409 `segment_in_use` while the current version of an active or paused journey names it (trigger, " +
      "schedule audience, branch arm, exit criterion) or another segment's rule includes it; `problems` name each. Drafts " +
      "do not block: they get the `unknown-segment` problem instead.",
    tag,
    auth: "secret",
    errors: [404, 409],
    success: { status: 200, description: "Deleted.", schema: SegmentDeletedSchema },
    handle: async ({ overture, workspaceId, params, c: ctx }) => {
      const segments = segmentsOf(overture);
      return auditedChange(
        ctx,
        segments.get(workspaceId, id(params)),
        async () => {
          await segments.delete(workspaceId, id(params));
          return { deleted: true as const };
        },
        () => null,
      );
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/segments/:id/members",
    operationId: "listSegmentMembers",
    summary: "Page through a segment's members",
    description: "In customer id order, with their profile attributes; pass `next` as `after` for the next page.",
    tag,
    auth: "secret",
    query: SegmentMembersQuery,
    errors: [404],
    success: { status: 200, description: "One page of members.", schema: SegmentMembersSchema },
    handle: async ({ overture, workspaceId, params, query }) =>
      segmentsOf(overture).members(workspaceId, id(params), { after: query.after, limit: query.limit }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/segments/:id/members/import",
    operationId: "importSegmentMembers",
    summary: "Import a static segment's members from a CSV",
    description:
      "A header row naming a `customerId` (or `id`) column, or one id per line. `replace` (default) makes the CSV the " +
      "whole segment; `add` keeps who is in. Customers not known yet are created with an empty profile. Customers who " +
      "enter or leave get `$segment.entered` / `$segment.left` events, as with a dynamic segment. Lines without a usable " +
      "id are listed with their line number.",
    tag,
    auth: "secret",
    body: SegmentImportInput,
    maxBodyBytes: 21 * 1024 * 1024,
    errors: [404, 409],
    success: { status: 200, description: "What the import did.", schema: SegmentImportSchema },
    handle: async ({ overture, workspaceId, params, body }) =>
      segmentsOf(overture).importMembers(workspaceId, id(params), { csv: body.csv, mode: body.mode }),
  }),
];
