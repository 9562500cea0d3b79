import { z } from "zod";
import { named } from "./registry.ts";

/**
 * What became of a delivery, in a marketer's words. The runtime computes it (`DELIVERY_STATES` in
 * runtime's delivery-outcomes.ts); the server's contract test checks the two lists agree.
 */
export const DELIVERY_OUTCOMES = ["sent", "sending", "queued", "deferred", "retrying", "skipped", "dead"] as const;
/** One of {@link DELIVERY_OUTCOMES}. */
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];
const Outcome = z.enum(DELIVERY_OUTCOMES);

/** An outbox row's own status (the outcome says it in a marketer's words). */
export const OutboxStatus = z.enum(["pending", "sending", "sent", "dead", "skipped"]);

const Version = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .describe("One published version's deliveries; every version's by default.");
const Reasons = z
  .record(z.string(), z.number())
  .describe("How many per reason code (no_email_address, quiet_hours, circuit_open, other…).");

/** What became of one channel step's deliveries, by outcome and reason. */
export const StepDeliveriesSchema = named(
  "StepDeliveries",
  z.object({
    stepId: z.string(),
    channel: z.string(),
    total: z.number(),
    sent: z.number(),
    sending: z.number().describe("Being delivered now."),
    queued: z.number().describe("Not tried yet (or re-driven and not tried again yet)."),
    deferred: z.number().describe("Held by the delivery policy (quiet hours): not a failure."),
    retrying: z
      .number()
      .describe("An attempt failed and another is scheduled, or the endpoint's circuit breaker is open."),
    skipped: z.number().describe("Deliberately not sent (no consent, frequency cap)."),
    dead: z.number().describe("Given up: retry them with POST /v1/outbox/{seq}/retry."),
    reasons: z.object({ deferred: Reasons, retrying: Reasons, skipped: Reasons, dead: Reasons }),
  }),
);

/** GET /v1/journeys/:id/deliveries. */
export const JourneyDeliveriesQuery = z.object({ version: Version });
/** GET /v1/journeys/:id/deliveries: one entry per step that has deliveries. */
export const JourneyDeliveriesSchema = z.object({
  journeyId: z.string(),
  version: z.number().nullable(),
  steps: z.array(StepDeliveriesSchema),
});

/** One delivery of a step, with its outcome and reason. */
export const StepDeliverySchema = named(
  "StepDelivery",
  z.object({
    seq: z.number().describe("The outbox row; POST /v1/outbox/{seq}/retry requeues a dead one."),
    key: z.string(),
    customerId: z.string(),
    journeyId: z.string(),
    version: z.number(),
    stepId: z.string(),
    channel: z.string(),
    status: OutboxStatus,
    outcome: Outcome,
    reason: z.string().nullable().describe("The reason code of a held, skipped or failed delivery."),
    attempts: z.number(),
    nextAttemptAt: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.number(),
  }),
);

/** GET /v1/journeys/:id/steps/:stepId/deliveries. */
export const StepDeliveriesQuery = z.object({
  version: Version,
  outcome: Outcome.optional().describe("Only deliveries with this outcome."),
  before: z.coerce.number().int().positive().optional().describe("The `next` cursor of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("At most this many (1–500, default 50)."),
});
/** A page of a step's deliveries, newest first, and the cursor of the next. */
export const StepDeliveryPageSchema = z.object({ items: z.array(StepDeliverySchema), next: z.number().nullable() });
