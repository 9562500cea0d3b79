import { z } from "zod";
import { ExternalId, JsonObject, ProblemSchema, Timestamp } from "./common.ts";
import { named } from "./registry.ts";

/** One event as sent to POST /v1/events (and each item of a batch). */
export const EventInput = named(
  "EventInput",
  z.object({
    id: ExternalId.optional().describe("Idempotency id: an event resent with the same id is accepted once."),
    name: z.string().min(1).max(200).describe('The event name, e.g. "purchase.completed".'),
    customerId: ExternalId.describe("The customer's id in your system; the customer is created on first use."),
    properties: JsonObject.optional().describe("Event properties, matched by trigger and wait conditions."),
    attributes: JsonObject.optional().describe(
      "Profile attributes merged into the customer before the event is matched.",
    ),
    timestamp: Timestamp.optional(),
  }),
);
/** One event as a client sends it. */
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

/** What an ingestion call stored, ignored and refused. */
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
    dropped: z
      .object({
        count: z.number().int(),
        code: z.literal("customer_erased"),
        message: z.string(),
        indexes: z.array(z.number().int()),
      })
      .optional()
      .describe(
        "Events left out because their customer was erased; taken again once the customer is identified (PUT /v1/customers/{id} or an identify).",
      ),
  }),
);
/** What an ingestion call answers. */
export type IngestResult = z.infer<typeof IngestResultSchema>;

/** What a Segment-style call answers: the ingestion result, with Segment's `success`. */
export const SegmentResultSchema = named("SegmentResult", IngestResultSchema.extend({ success: z.literal(true) }));
