import {
  ApprovalListQuery,
  ApprovalRequestDetailSchema,
  ApprovalRequestInput,
  ApprovalRequestListSchema,
  ApprovalRequestSchema,
  ApprovalSettingsSchema,
  ApproveInput,
  type Principal,
  RejectInput,
} from "@overture/api-contract";
import { defineRoute, type RouteDef } from "../route.ts";
import { requireApprovals } from "./approval-gate.ts";
import { draftProblems, publishChecked } from "./journey-validation.ts";

const tag = "Approvals";
const id = (params: Record<string, string>) => params.id ?? "";

/** The router resolves a principal on every route that is not public; these are not. */
function who(principal: Principal | null): Principal {
  if (!principal) throw new Error("an approval route was called without a principal");
  return principal;
}

/** Approvals (issue 13): the workspace's setting, review requests, and the decisions that publish. */
export const approvalRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/approvals/settings",
    operationId: "getApprovalSettings",
    summary: "Whether publishing requires an approved review",
    tag,
    auth: "secret",
    success: { status: 200, description: "The workspace's approval setting.", schema: ApprovalSettingsSchema },
    handle: async ({ overture, workspaceId }) => ({
      required: await requireApprovals(overture).isRequired(workspaceId),
    }),
  }),
  defineRoute({
    method: "put",
    path: "/v1/approvals/settings",
    operationId: "putApprovalSettings",
    summary: "Require (or stop requiring) approval before publishing",
    description:
      "On: POST /v1/journeys/{id}/publish answers 409 approval_required, for members and keys alike; a publisher's approval of a review request publishes.",
    tag,
    auth: "secret",
    body: ApprovalSettingsSchema,
    success: { status: 200, description: "The setting as stored.", schema: ApprovalSettingsSchema },
    handle: async ({ overture, workspaceId, body }) => {
      const approvals = requireApprovals(overture);
      await approvals.setRequired(workspaceId, body.required);
      return { required: await approvals.isRequired(workspaceId) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/journeys/:id/approval-requests",
    operationId: "requestApproval",
    summary: "Ask for review of the journey's draft",
    description:
      "The draft is checked as publishing checks it (422 journey_invalid with every problem) and kept as it is now: approval publishes exactly " +
      "that snapshot. An older pending request for the journey is superseded. Works whether or not the workspace requires approval.",
    tag,
    auth: "secret",
    body: ApprovalRequestInput,
    success: { status: 201, description: "The pending request.", schema: ApprovalRequestSchema },
    errors: [404, 409, 422],
    handle: ({ overture, workspaceId, principal, params, body }) =>
      requireApprovals(overture).request(workspaceId, id(params), {
        principal: who(principal),
        note: body?.note,
        problems: (draft) => draftProblems(overture, workspaceId, draft),
      }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/approval-requests",
    operationId: "listApprovalRequests",
    summary: "List review requests, newest first",
    description: "Filter by `status` and `journeyId`. An approved request names the version it published.",
    tag,
    auth: "secret",
    query: ApprovalListQuery,
    success: { status: 200, description: "The requests (at most 500).", schema: ApprovalRequestListSchema },
    handle: async ({ overture, workspaceId, query }) => ({
      requests: await requireApprovals(overture).list(workspaceId, query),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/approval-requests/:id",
    operationId: "getApprovalRequest",
    summary: "Get a review request with its diff against the running version",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "The request, the snapshot reviewed and what it changes, as data and in plain lines.",
      schema: ApprovalRequestDetailSchema,
    },
    errors: [404],
    handle: ({ overture, workspaceId, params }) => requireApprovals(overture).get(workspaceId, id(params)),
  }),
  defineRoute({
    method: "post",
    path: "/v1/approval-requests/:id/approve",
    operationId: "approveRequest",
    summary: "Approve a review request: publishes the snapshot reviewed",
    description:
      "Refused (409) to the requester (own_request), on a request already decided (request_decided), and when the draft changed " +
      "since the request (draft_changed; the request is then superseded).",
    tag,
    auth: "secret",
    body: ApproveInput,
    success: {
      status: 200,
      description: "The approved request, with the version it published.",
      schema: ApprovalRequestSchema,
    },
    errors: [404, 409, 422],
    handle: ({ overture, workspaceId, principal, params, body }) =>
      requireApprovals(overture).approve(workspaceId, id(params), {
        principal: who(principal),
        comment: body?.comment,
        publish: (journeyId) => publishChecked(overture, workspaceId, journeyId),
      }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/approval-requests/:id/reject",
    operationId: "rejectRequest",
    summary: "Reject a review request, saying why",
    tag,
    auth: "secret",
    body: RejectInput,
    success: { status: 200, description: "The rejected request.", schema: ApprovalRequestSchema },
    errors: [404, 409],
    handle: ({ overture, workspaceId, principal, params, body }) =>
      requireApprovals(overture).reject(workspaceId, id(params), { principal: who(principal), comment: body.comment }),
  }),
];
