import { Condition, JourneyDocument } from "@overture/core";
import { z } from "zod";
import { CustomerId, JsonObject, Ms, ProblemSchema } from "./common.ts";
import { named } from "./registry.ts";

const Json = z.unknown();

/** POST /v1/journeys. */
export const CreateJourneyInput = named(
  "CreateJourneyInput",
  z.object({
    name: z.string().min(1).max(200),
    document: JsonObject.optional().describe(
      "The initial draft (a journey document); it may be incomplete until published.",
    ),
    tags: z.array(z.string().max(50)).max(20).optional().describe("Labels the journeys list files it under."),
    owner: z
      .string()
      .max(200)
      .optional()
      .describe("Who looks after it: a name or an email (there are no user accounts yet)."),
  }),
);

/** PUT /v1/journeys/:id: what the journeys list edits besides the draft; fields left out stay as they are. */
export const JourneyMetaInput = named(
  "JourneyMetaInput",
  z.object({
    name: z.string().min(1).max(200).optional(),
    tags: z.array(z.string().max(50)).max(20).optional().describe("Replaces the tags; trimmed, repeats dropped."),
    owner: z.string().max(200).optional().describe("A name or an email; empty for nobody."),
  }),
);

/** A draft is any JSON object: it is checked by /validate and /publish, not when saved. */
export const DraftInput = named(
  "DraftInput",
  JsonObject.describe("The journey document to save as the draft (see JourneyDocument)."),
);

/** POST /v1/journeys/:id/validate: optionally, the document to check instead of the saved draft. */
export const ValidateInput = named(
  "ValidateInput",
  z
    .object({
      document: JsonObject.optional().describe(
        "A journey document to check as it would be published; the saved draft when left out.",
      ),
    })
    .optional(),
);

/** POST /v1/journeys/:id/start: the customer to enter through the API trigger. */
export const StartInput = named(
  "StartInput",
  z.object({
    customerId: CustomerId,
    properties: JsonObject.optional().describe("Available to the journey as its trigger properties."),
  }),
);

/** GET /v1/journeys/:id/stats. */
export const StatsQuery = z.object({
  version: z.coerce.number().int().positive().optional().describe("A published version; the current one by default."),
});

/** GET /v1/journeys/:id/steps/:stepId/customers: one page. */
export const StepCustomersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("At most this many (1–500, default 50)."),
  after: z.string().min(1).optional().describe("The `next` cursor of the previous page."),
});

// Conditions nest (all/any/not), so they need a name to be referred to.
named("Condition", Condition);
/** A journey document: core's schema, as published versions hold it. */
export const JourneyDocumentSchema = named("JourneyDocument", JourneyDocument);

/** A journey with its draft (any JSON until published). */
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

/** GET /v1/journeys. */
export const JourneyListSchema = named("JourneyList", z.object({ journeys: z.array(JourneySchema) }));

/** Whether a draft can be published, and every problem. */
export const ValidationSchema = named("Validation", z.object({ valid: z.boolean(), problems: z.array(ProblemSchema) }));

/** A published, immutable version. */
export const VersionSchema = named(
  "Version",
  z.object({ journeyId: z.string(), version: z.number().int(), document: JourneyDocumentSchema, publishedAt: Ms }),
);

/** GET /v1/journeys/:id/versions: oldest first. */
export const VersionListSchema = named("VersionList", z.object({ versions: z.array(VersionSchema) }));

/** The figures of one step. */
export const StepStatsSchema = z.object({
  stepId: z.string(),
  waiting: z.number().int(),
  passed: z.number().int(),
  exited: z.number().int(),
  converted: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
});

/** A journey's figures for one version, per step. */
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
    steps: z.array(StepStatsSchema),
  }),
);

/** One entry of a customer into a journey. */
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

/** A page of the instances at a step, and the cursor of the next. */
export const InstancePageSchema = named(
  "InstancePage",
  z.object({
    instances: z.array(InstanceSchema),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last."),
  }),
);
