import { z } from "zod";
import { Ms } from "./common.ts";
import { named } from "./registry.ts";

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'an ISO 8601 date-time with a time zone ("2027-01-01T00:00:00Z")',
});

/** GET /v1/audit: filters and paging (newest first). */
export const AuditQuery = z.object({
  actor: z.string().max(200).optional().describe("A member's or key's id, or their name or email."),
  kind: z.string().max(100).optional().describe("An action, e.g. `journey.published`."),
  objectType: z.string().max(100).optional().describe("e.g. `journey`, `key`, `member`."),
  objectId: z.string().max(200).optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  cursor: z.coerce.number().int().positive().optional().describe("The `nextCursor` of the previous page."),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One change of a document, as microdiff gives it. */
export const AuditDiffSchema = z.object({
  type: z.enum(["CREATE", "REMOVE", "CHANGE"]),
  path: z.array(z.union([z.string(), z.number()])),
  value: z.unknown().optional(),
  oldValue: z.unknown().optional(),
});

/** One entry of the audit log. */
export const AuditEntrySchema = named(
  "AuditEntry",
  z.object({
    seq: z.number().int(),
    workspaceId: z.string(),
    at: Ms,
    actor: z.object({ kind: z.enum(["user", "key"]), id: z.string(), name: z.string() }),
    action: z.string().describe("A stable kind: `journey.draft_saved`, `key.created`, `session.sign_in_failed`…"),
    object: z.object({ type: z.string(), id: z.string() }).nullable(),
    diff: z.array(AuditDiffSchema).nullable().describe("Before → after, for the documents whose routes hand it over."),
    detail: z.record(z.string(), z.unknown()).nullable().describe("The request body, with secrets left out."),
    outcome: z.enum(["success", "failure"]),
    status: z.number().int(),
    operationId: z.string(),
    ip: z.string(),
    userAgent: z.string(),
  }),
);

/** GET /v1/audit. */
export const AuditPageSchema = named(
  "AuditPage",
  z.object({
    entries: z.array(AuditEntrySchema),
    nextCursor: z.number().int().nullable().describe("Pass as `cursor` for older entries; null at the end."),
  }),
);

/** PUT /v1/audit/settings. */
export const AuditSettingsInput = z.object({
  retentionDays: z.number().int().min(1).max(3650).describe("Entries older than this are deleted (default 365)."),
});

/** GET and PUT /v1/audit/settings. */
export const AuditSettingsSchema = named("AuditSettings", z.object({ retentionDays: z.number().int() }));
