import { z } from "zod";

/**
 * Request schemas: the routes validate with these and the OpenAPI document is generated from the same objects, so
 * the documentation cannot drift from what is enforced. Named ones become components of the OpenAPI document.
 */
export const schemaRegistry = z.registry<{ id: string }>();

/** Registers `schema` as the OpenAPI component `id` and returns it. */
export function named<S extends z.ZodType>(id: string, schema: S): S {
  schemaRegistry.add(schema, { id });
  return schema;
}

const Id = z.string().min(1).max(200);

/** A customer id, as events carry it: 1–200 characters. */
export const CustomerId = Id;
const JsonObject = z.record(z.string(), z.unknown());

/** Epoch milliseconds or an ISO 8601 date-time with an offset ("2025-03-01T09:30:00Z"). */
export const Timestamp = z
  .union([
    z.iso.datetime({
      offset: true,
      error: 'an ISO 8601 date-time with a time zone ("2025-03-01T09:30:00Z") or epoch milliseconds',
    }),
    z.number().int().nonnegative({ error: "epoch milliseconds cannot be negative" }),
  ])
  .describe(
    'When it happened: epoch milliseconds or ISO 8601 ("2025-03-01T09:30:00Z"). Defaults to the time it is received.',
  );

/** One event as sent to POST /v1/events (and each item of a batch). */
export const EventInput = named(
  "EventInput",
  z.object({
    id: Id.optional().describe("Idempotency id: an event resent with the same id is accepted once."),
    name: z.string().min(1).max(200).describe('The event name, e.g. "purchase.completed".'),
    customerId: Id.describe("The customer's id in your system; the customer is created on first use."),
    properties: JsonObject.optional().describe("Event properties, matched by trigger and wait conditions."),
    attributes: JsonObject.optional().describe(
      "Profile attributes merged into the customer before the event is matched.",
    ),
    timestamp: Timestamp.optional(),
  }),
);
export type EventInput = z.infer<typeof EventInput>;

/** Most events one batch may hold. */
export const MAX_BATCH_EVENTS = 10_000;

/** The envelope of POST /v1/events/batch; items are validated one by one so one bad event does not sink the others. */
export const EventBatchEnvelope = z.object({ events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS) });

/** How POST /v1/events/batch is documented: the envelope with its items' schema. */
export const EventBatchInput = named(
  "EventBatchInput",
  z.object({
    events: z
      .array(EventInput)
      .min(1)
      .max(MAX_BATCH_EVENTS)
      .describe("Each event is validated on its own; bad ones are reported by index."),
  }),
);

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

export const StartInput = named(
  "StartInput",
  z.object({
    customerId: Id,
    properties: JsonObject.optional().describe("Available to the journey as its trigger properties."),
  }),
);

export const CustomerInput = named(
  "CustomerInput",
  z.object({ attributes: JsonObject.describe("Attributes merged into the profile.") }),
);

export const StatsQuery = z.object({
  version: z.coerce.number().int().positive().optional().describe("A published version; the current one by default."),
});

export const StepCustomersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("At most this many (1–500, default 50)."),
  after: z.string().min(1).optional().describe("The `next` cursor of the previous page."),
});

/** A version number in a path. */
export const VersionParam = z.coerce.number().int().positive();

/** The time an event happened, in epoch milliseconds, from what the client sent. */
export function timestampMs(value: string | number | undefined): number | undefined {
  return typeof value === "string" ? Date.parse(value) : value;
}
