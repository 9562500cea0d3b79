import {
  getDeliveryPolicy,
  getOutboxEntry,
  listOutbox,
  putDeliveryPolicy,
  registryDeliveryPolicy,
  retryOutbox,
} from "@overture/channels";
import { DELIVERY_STATES, deliveryReasonOf, deliveryStateOf } from "@overture/runtime";
import { z } from "zod";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { named } from "../schemas.ts";
import { deliveryStore } from "./webhook-routes.ts";

const tag = "Deliveries";

const OutboxStatus = z.enum(["pending", "sending", "sent", "dead", "skipped"]);

const OutboxQuery = z.object({
  status: OutboxStatus.optional().describe("`dead` lists the dead letters."),
  channel: z.string().max(100).optional().describe("email, notification, slot, webhook…"),
  customerId: z.string().max(200).optional(),
  journeyId: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional().describe("Page backwards: rows with a smaller seq."),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("At most this many (1–500, default 100)."),
});

const OutboxEntrySchema = named(
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

const OutboxListEntrySchema = named(
  "OutboxListEntry",
  OutboxEntrySchema.extend({
    reason: z
      .string()
      .nullable()
      .describe("The reason code of the last error: `no_email_address`, `quiet_hours`, `frequency_capped`…"),
    outcome: z
      .enum(DELIVERY_STATES)
      .describe("In a marketer's words: queued, deferred (a hold), retrying, sent, skipped or dead."),
  }),
);

/** An outbox entry with its reason and outcome, as the journey's delivery figures count them. */
function withOutcome<T extends { status: z.infer<typeof OutboxStatus>; lastError: string | null; attempts: number }>(
  entry: T,
) {
  const reason = deliveryReasonOf(entry.lastError);
  return { ...entry, reason, outcome: deliveryStateOf(entry.status, reason, entry.attempts > 0) };
}

const OutboxDetailSchema = named(
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

const RedriveSchema = named(
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

const CircuitSchema = named(
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

/** The dispatcher of the process, when the server was given the runtime (its circuits are this process's). */
type WithDispatcher = { dispatcher?: { circuits(workspaceId?: string): Array<z.infer<typeof CircuitSchema>> } };

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

const DeliveryPolicySchema = named(
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

/** The outbox (what was sent, retried, skipped or dead-lettered, and requeuing dead letters) and the delivery policy (secret key). */
export const outboxRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/outbox",
    operationId: "listOutbox",
    summary:
      "List deliveries, newest first: pending, sent, skipped (with the reason) or dead letters (with the last error)",
    tag,
    auth: "secret",
    query: OutboxQuery,
    success: {
      status: 200,
      description: "The matching outbox rows.",
      schema: z.object({ items: z.array(OutboxListEntrySchema) }),
    },
    handle: async ({ overture, workspaceId, query }) => ({
      items: (await listOutbox(await deliveryStore(overture), workspaceId, query)).map(withOutcome),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/outbox/:seq/retry",
    operationId: "retryOutbox",
    summary: "Requeue a dead letter now, with a fresh set of attempts and retry window",
    tag,
    auth: "secret",
    success: { status: 200, description: "The row, pending again.", schema: OutboxEntrySchema },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, params }) =>
      retryOutbox(
        await deliveryStore(overture),
        workspaceId,
        parseWith(z.coerce.number().int().positive(), params.seq, "outbox seq"),
        overture.clock.now(),
      ),
  }),
  defineRoute({
    method: "post",
    path: "/v1/outbox/redrive",
    operationId: "redriveOutbox",
    summary:
      "Requeue every dead letter matching a filter, with fresh attempts and retry window (or count them: dryRun)",
    tag,
    auth: "secret",
    body: RedriveSchema,
    success: {
      status: 200,
      description: "How many dead letters went back to pending (with dryRun: how many match).",
      schema: z.object({ count: z.number(), dryRun: z.boolean() }),
    },
    handle: async ({ overture, workspaceId, body }) => {
      const { dryRun, ...filter } = body;
      const store = await deliveryStore(overture);
      return { count: await store.redriveOutbox({ ...filter, workspaceId }, overture.clock.now(), { dryRun }), dryRun };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/outbox/circuits",
    operationId: "listOutboxCircuits",
    summary:
      "Circuit breakers of this process's dispatcher that are open, probing or counting failures, for this workspace's rows",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "The circuits with something to say; an empty list when every endpoint is healthy.",
      schema: z.object({ items: z.array(CircuitSchema) }),
    },
    handle: async ({ overture, workspaceId }) => ({
      items: (overture as typeof overture & WithDispatcher).dispatcher?.circuits(workspaceId) ?? [],
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/delivery-policy",
    operationId: "getDeliveryPolicy",
    summary: "The delivery policy: frequency caps and quiet hours per channel (the defaults until one is saved)",
    tag,
    auth: "secret",
    success: { status: 200, description: "The policy in force.", schema: DeliveryPolicySchema },
    handle: async ({ overture, workspaceId }) =>
      getDeliveryPolicy(await deliveryStore(overture), workspaceId, registryDeliveryPolicy()),
  }),
  defineRoute({
    method: "put",
    path: "/v1/delivery-policy",
    operationId: "putDeliveryPolicy",
    summary: "Replace the delivery policy",
    tag,
    auth: "secret",
    body: DeliveryPolicySchema,
    success: {
      status: 200,
      description: "The policy as saved; it applies to the next delivery.",
      schema: DeliveryPolicySchema,
    },
    handle: async ({ overture, workspaceId, body }) =>
      putDeliveryPolicy(await deliveryStore(overture), workspaceId, body, overture.clock.now()),
  }),
  defineRoute({
    method: "get",
    path: "/v1/outbox/:seq",
    operationId: "getOutboxEntry",
    summary: "One delivery with its finished rounds (dead, sent or skipped, each with when and why)",
    tag,
    auth: "secret",
    success: { status: 200, description: "The row and its rounds.", schema: OutboxDetailSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, params }) =>
      withOutcome(
        await getOutboxEntry(
          await deliveryStore(overture),
          workspaceId,
          parseWith(z.coerce.number().int().positive(), params.seq, "outbox seq"),
        ),
      ),
  }),
];
