import { z } from "zod";
import { DELIVERY_OUTCOMES, OutboxStatus } from "./deliveries.ts";
import { named } from "./registry.ts";

/** GET /v1/outbox. */
export const OutboxQuery = z.object({
  status: OutboxStatus.optional().describe("`dead` lists the dead letters."),
  channel: z.string().max(100).optional().describe("email, notification, slot, webhook…"),
  customerId: z.string().max(200).optional(),
  journeyId: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional().describe("Page backwards: rows with a smaller seq."),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("At most this many (1–500, default 100)."),
});

/** One outbox row: a delivery and its attempts. */
export const OutboxEntrySchema = named(
  "OutboxEntry",
  z.object({
    seq: z.number(),
    key: z.string().describe("Stable across retries; sent to webhook receivers as X-Overture-Delivery."),
    channel: z.string(),
    customerId: z.string(),
    journeyId: z.string(),
    version: z.number(),
    stepId: z.string(),
    status: OutboxStatus,
    attempts: z.number(),
    nextAttemptAt: z.number(),
    lastError: z.string().nullable().describe("The last failure, or why it was skipped or is held (quiet hours)."),
    createdAt: z.number(),
    payload: z.record(z.string(), z.unknown()),
  }),
);

/** An outbox row with its reason code and outcome. */
export const OutboxListEntrySchema = named(
  "OutboxListEntry",
  OutboxEntrySchema.extend({
    reason: z
      .string()
      .nullable()
      .describe("The reason code of the last error: `no_email_address`, `quiet_hours`, `frequency_capped`…"),
    outcome: z
      .enum(DELIVERY_OUTCOMES)
      .describe("In a marketer's words: queued, deferred (a hold), retrying, sent, skipped or dead."),
  }),
);

/** GET /v1/outbox. */
export const OutboxListSchema = z.object({ items: z.array(OutboxListEntrySchema) });

/** GET /v1/outbox/:seq: the row and its finished rounds. */
export const OutboxDetailSchema = named(
  "OutboxEntryDetail",
  OutboxListEntrySchema.extend({
    rounds: z
      .array(
        z.object({
          status: z.enum(["sent", "dead", "skipped"]),
          at: z.number(),
          detail: z.string().nullable().describe("The error of a dead round, the reason of a skipped one."),
        }),
      )
      .describe("Each finished round, oldest first: a retried dead letter shows its dead round, then the next."),
  }),
);

/** POST /v1/outbox/redrive: which dead letters to requeue (or count). */
export const RedriveSchema = named(
  "OutboxRedrive",
  z
    .object({
      channel: z.string().min(1).max(100).optional(),
      journeyId: z.string().min(1).max(200).optional(),
      stepId: z.string().min(1).max(200).optional(),
      customerId: z.string().min(1).max(200).optional(),
      errorContains: z
        .string()
        .min(1)
        .max(500)
        .optional()
        .describe("Case-insensitive text of the last error, e.g. `ECONNREFUSED`."),
      deadSince: z.number().int().min(0).optional().describe("Died at or after this instant (ms since the epoch)."),
      deadUntil: z.number().int().min(0).optional().describe("Died before this instant (ms since the epoch)."),
      limit: z
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .optional()
        .describe("At most this many, oldest first (default: all)."),
      dryRun: z.boolean().default(false).describe("Only count the dead letters that match."),
    })
    .strict(),
);

/** How many dead letters were requeued (or match, with dryRun). */
export const RedriveResultSchema = z.object({ count: z.number(), dryRun: z.boolean() });

/** A circuit breaker of the dispatcher, per channel and endpoint. */
export const CircuitSchema = named(
  "OutboxCircuit",
  z.object({
    channel: z.string(),
    endpoint: z
      .string()
      .describe("The SMTP host:port, the webhook endpoint (workspace/name) or a URL's host; `*` for a whole channel."),
    state: z.enum(["closed", "open", "half-open"]),
    consecutiveFailures: z.number(),
    openedAt: z.number().nullable(),
    probeAt: z.number().nullable().describe("When the next probe may go."),
    cooldownMs: z.number(),
    lastError: z.string().nullable(),
  }),
);

/** GET /v1/outbox/circuits. */
export const CircuitListSchema = z.object({ items: z.array(CircuitSchema) });

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

/** The delivery policy: quiet hours, and caps, quiet hours and opt-in per channel. */
export const DeliveryPolicySchema = named(
  "DeliveryPolicy",
  z.object({
    quietHours: z
      .object({
        start: Time,
        end: Time,
        defaultTimezone: z.string().default("UTC").describe("For customers without a `timezone` attribute."),
      })
      .nullable()
      .describe(
        "Sends of channels with `quietHours: true` wait until the end, in the customer's time zone; null: none.",
      ),
    channels: z.record(
      z.string(),
      z.object({
        cap: z
          .object({ max: z.number().int().min(0).max(10_000), per: z.string().describe("A duration: 1d, 7d, 4w…") })
          .nullable()
          .optional()
          .describe("At most `max` sends per customer within any `per`."),
        quietHours: z.boolean().optional(),
        optIn: z
          .boolean()
          .optional()
          .describe("Only customers whose `consent.<channel>` is true get it (else only a false skips)."),
      }),
    ),
  }),
);
