import {
  type ApprovalRequestDetailSchema,
  type ApprovalRequestSchema,
  type ApprovalStatus,
  contract as c,
} from "@overture/api-contract";
import type { z } from "zod";
import { request } from "./api-client.ts";

/** A review request as listed (GET /v1/approval-requests). */
export type ApprovalRequest = z.output<typeof ApprovalRequestSchema>;
/** A review request with its snapshot and the diff against the running version. */
export type ApprovalRequestDetail = z.output<typeof ApprovalRequestDetailSchema>;
export type ApprovalState = z.output<typeof ApprovalStatus>;

/** The calls of approvals (issue 13): the setting, requests, decisions. */
export const approvalApi = {
  settings: () => request(c.getApprovalSettings),
  saveSettings: (required: boolean) => request(c.putApprovalSettings, { body: { required } }),
  requestReview: (journeyId: string, note: string) =>
    request(c.requestApproval, { params: { id: journeyId }, body: note.trim() ? { note } : {} }),
  list: (filter: { status?: ApprovalState; journeyId?: string } = {}) =>
    request(c.listApprovalRequests, { query: filter }).then((r) => r.requests),
  get: (id: string) => request(c.getApprovalRequest, { params: { id } }),
  approve: (id: string, comment: string) =>
    request(c.approveRequest, { params: { id }, body: comment.trim() ? { comment } : {} }),
  reject: (id: string, comment: string) => request(c.rejectRequest, { params: { id }, body: { comment } }),
};

/** "10:42" today, "3 Dec, 10:42" another day: when a request was made or decided. */
export function whenWords(ms: number, now: number = Date.now()): string {
  const at = new Date(ms);
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return at.toDateString() === new Date(now).toDateString()
    ? time
    : `${at.toLocaleDateString([], { day: "numeric", month: "short" })}, ${time}`;
}

/** "Review requested by Ann, 10:42", "Approved by Bob: 'looks good'": a request's state in one line. */
export function reviewWords(request: ApprovalRequest): string {
  const by = request.decidedBy?.name ?? "";
  const said = request.comment ? `: '${request.comment}'` : "";
  switch (request.status) {
    case "pending":
      return `Review requested by ${request.requestedBy.name}, ${whenWords(request.requestedAt)}`;
    case "approved":
      return `Approved by ${by}${said}${request.publishedVersion ? ` (version ${request.publishedVersion})` : ""}`;
    case "rejected":
      return `Rejected by ${by}${said}`;
    case "superseded":
      return "Review superseded: the draft changed or review was asked again";
  }
}
