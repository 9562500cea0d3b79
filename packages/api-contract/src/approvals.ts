import { z } from "zod";
import { Ms } from "./common.ts";
import { named } from "./registry.ts";

/** GET and PUT /v1/approvals/settings: whether publishing needs an approved review request. */
export const ApprovalSettingsSchema = named(
  "ApprovalSettings",
  z.object({
    required: z
      .boolean()
      .describe(
        "Require approval before publishing: POST /v1/journeys/{id}/publish is refused (409 approval_required) and a publisher approves a review request instead.",
      ),
  }),
);

/** Who asked or decided: a member or an API key, by name. */
export const ApprovalActorSchema = z.object({
  kind: z.enum(["user", "key"]),
  id: z.string(),
  name: z.string(),
});

/** Where a review request stands. `superseded`: a newer request for the journey, or the draft changed since. */
export const ApprovalStatus = z.enum(["pending", "approved", "rejected", "superseded"]);

/** POST /v1/journeys/:id/approval-requests. */
export const ApprovalRequestInput = named(
  "ApprovalRequestInput",
  z.object({ note: z.string().max(2000).optional().describe("What the reviewer should know.") }),
);

/** POST /v1/approval-requests/:id/approve. */
export const ApproveInput = named(
  "ApproveInput",
  z.object({ comment: z.string().max(2000).optional().describe("Said to the requester.") }),
);

/** POST /v1/approval-requests/:id/reject: a rejection says why. */
export const RejectInput = named(
  "RejectInput",
  z.object({ comment: z.string().trim().min(1, "say why the request is rejected").max(2000) }),
);

/** GET /v1/approval-requests. */
export const ApprovalListQuery = z.object({
  status: ApprovalStatus.optional(),
  journeyId: z.string().min(1).max(200).optional(),
});

/** Absent `before`: the field was set; absent `after`: removed. */
const FieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
const DiffStepSchema = z.object({ id: z.string(), type: z.string(), name: z.string() });

/** The draft reviewed against the running version: structured, and in plain lines. */
export const JourneyDiffSchema = named(
  "JourneyDiff",
  z.object({
    isNew: z.boolean().describe("No version is running yet."),
    name: FieldChangeSchema.nullable(),
    description: FieldChangeSchema.nullable(),
    added: z.array(DiffStepSchema),
    removed: z.array(DiffStepSchema),
    changed: z.array(DiffStepSchema.extend({ fields: z.array(FieldChangeSchema) })),
    settings: z.array(FieldChangeSchema),
    lines: z.array(z.string()).describe("The changes in words, one a line."),
  }),
);

/** A review request, as listed. */
export const ApprovalRequestSchema = named(
  "ApprovalRequest",
  z.object({
    id: z.string(),
    journeyId: z.string(),
    journeyName: z.string(),
    status: ApprovalStatus,
    note: z.string(),
    requestedBy: ApprovalActorSchema,
    requestedAt: Ms,
    baseVersion: z.number().int().nullable().describe("The version running when review was asked; null for none."),
    decidedBy: ApprovalActorSchema.nullable(),
    decidedAt: Ms.nullable(),
    comment: z.string().describe("The decision's comment; empty when none."),
    publishedVersion: z.number().int().nullable().describe("The version the approval published."),
  }),
);

/** GET /v1/approval-requests/:id: the request, the snapshot reviewed and its diff against the running version. */
export const ApprovalRequestDetailSchema = named(
  "ApprovalRequestDetail",
  ApprovalRequestSchema.extend({
    snapshot: z.unknown().describe("The draft as it was when review was asked: what approval publishes."),
    diff: JourneyDiffSchema,
  }),
);

/** GET /v1/approval-requests: newest first. */
export const ApprovalRequestListSchema = named(
  "ApprovalRequestList",
  z.object({ requests: z.array(ApprovalRequestSchema) }),
);
