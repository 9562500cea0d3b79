import { Condition, JourneyDocument } from "@overture/core";
import { z } from "zod";
import { named } from "./schemas.ts";

/** Response shapes, for the OpenAPI document only: the runtime's types are what the handlers return. */

const Ms = z.number().int().describe("Epoch milliseconds.");
const Json = z.unknown();

export const ProblemSchema = named(
  "Problem",
  z.object({
    path: z.string().describe('Where: "events[2].name", "steps[3].next", or "" for the whole body.'),
    code: z.string().describe("A stable code (see docs/errors.md)."),
    message: z.string(),
    stepId: z.string().optional().describe("The journey step the problem concerns."),
    field: z
      .string()
      .optional()
      .describe("A template problem: the field of the step it is in (subject, body, title, payload…)."),
    line: z.number().int().optional().describe("A template problem: the line inside that field, from 1."),
    column: z.number().int().optional().describe("A template problem: the column on that line, from 1."),
  }),
);

export const ErrorSchema = named(
  "Error",
  z.object({
    error: z.object({
      code: z.string().describe("A stable code (see docs/errors.md)."),
      message: z.string(),
      problems: z.array(ProblemSchema),
    }),
  }),
);

// Conditions nest (all/any/not), so they need a name to be referred to.
named("Condition", Condition);
export const JourneyDocumentSchema = named("JourneyDocument", JourneyDocument);

export const JourneySchema = named(
  "Journey",
  z.object({
    workspaceId: z.string(),
    id: z.string(),
    name: z.string(),
    status: z.enum(["draft", "active", "paused", "archived"]),
    draft: Json.describe("The working copy; may be invalid until published."),
    currentVersion: z.number().int().nullable(),
    tags: z.array(z.string()).describe("Labels the journeys list files and filters it by."),
    owner: z.string().describe("Who looks after it (a name or an email); empty when nobody is named."),
    createdAt: Ms,
    updatedAt: Ms,
  }),
);

export const JourneyListSchema = named("JourneyList", z.object({ journeys: z.array(JourneySchema) }));

export const ValidationSchema = named("Validation", z.object({ valid: z.boolean(), problems: z.array(ProblemSchema) }));

export const VersionSchema = named(
  "Version",
  z.object({ journeyId: z.string(), version: z.number().int(), document: JourneyDocumentSchema, publishedAt: Ms }),
);

export const VersionListSchema = named("VersionList", z.object({ versions: z.array(VersionSchema) }));

export const StatsSchema = named(
  "JourneyStats",
  z.object({
    journeyId: z.string(),
    version: z.number().int().nullable(),
    entered: z.number().int(),
    active: z.number().int(),
    completed: z.number().int(),
    exited: z.number().int(),
    converted: z.number().int(),
    steps: z.array(
      z.object({
        stepId: z.string(),
        waiting: z.number().int(),
        passed: z.number().int(),
        exited: z.number().int(),
        converted: z.number().int(),
        outcomes: z.record(z.string(), z.number().int()),
      }),
    ),
  }),
);

export const InstanceSchema = named(
  "Instance",
  z.object({
    id: z.string(),
    journeyId: z.string(),
    version: z.number().int(),
    customerId: z.string(),
    entry: z.number().int(),
    status: z.enum(["active", "waiting", "completed", "exited"]),
    stepId: z.string().nullable(),
    waiting: Json.nullable(),
    enteredAt: Ms,
    updatedAt: Ms,
    seq: z.number().int(),
    converted: z.boolean(),
    exitReason: z.string().nullable(),
    context: z.record(z.string(), Json),
  }),
);

export const InstancePageSchema = named(
  "InstancePage",
  z.object({
    instances: z.array(InstanceSchema),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last."),
  }),
);

export const CustomerSchema = named(
  "Customer",
  z.object({ id: z.string(), attributes: z.record(z.string(), Json), createdAt: Ms, updatedAt: Ms }),
);

const TransitionSchema = z.object({
  stepId: z.string(),
  kind: z.enum(["step", "goal", "exit", "complete"]),
  outcome: z.string(),
  reason: z.string(),
  at: Ms,
});

export const CustomerHistorySchema = named(
  "CustomerHistory",
  z.object({
    customer: CustomerSchema,
    instances: z
      .array(InstanceSchema.extend({ transitions: z.array(TransitionSchema) }))
      .describe("Each entry into a journey, with its path."),
    recentEvents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        customerId: z.string(),
        properties: z.record(z.string(), Json),
        at: Ms,
      }),
    ),
  }),
);

export const IngestResultSchema = named(
  "IngestResult",
  z.object({
    accepted: z.number().int().describe("Events stored (durably) by this call."),
    duplicates: z.number().int().describe("Events whose id had been accepted before: ignored."),
    errors: z.array(
      z.object({
        index: z.number().int(),
        code: z.string(),
        message: z.string(),
        problems: z.array(ProblemSchema).optional(),
      }),
    ),
    refused: z
      .array(
        z.object({
          index: z.number().int().optional(),
          path: z.string(),
          code: z.literal("protected_attribute"),
          message: z.string(),
        }),
      )
      .optional()
      .describe(
        "Protected attribute changes left out (the rest of the call was applied): send a signed identity or use the secret key.",
      ),
  }),
);

export const SegmentResultSchema = named("SegmentResult", IngestResultSchema.extend({ success: z.literal(true) }));
