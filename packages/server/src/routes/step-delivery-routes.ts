import { DELIVERY_STATES } from "@overture/runtime";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";
import { named } from "../schemas.ts";

const tag = "Journeys";
const id = (params: Record<string, string>) => params.id ?? "";

const Version = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .describe("One published version's deliveries; every version's by default.");
const State = z.enum(DELIVERY_STATES);
const Reasons = z
  .record(z.string(), z.number())
  .describe("How many per reason code (no_email_address, quiet_hours, circuit_open, other…).");

const StepDeliveriesSchema = named(
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

const StepDeliverySchema = named(
  "StepDelivery",
  z.object({
    seq: z.number().describe("The outbox row; POST /v1/outbox/{seq}/retry requeues a dead one."),
    key: z.string(),
    customerId: z.string(),
    journeyId: z.string(),
    version: z.number(),
    stepId: z.string(),
    channel: z.string(),
    status: z.enum(["pending", "sending", "sent", "dead", "skipped"]),
    outcome: State,
    reason: z.string().nullable().describe("The reason code of a held, skipped or failed delivery."),
    attempts: z.number(),
    nextAttemptAt: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.number(),
  }),
);

const StepDeliveriesQuery = z.object({
  version: Version,
  outcome: State.optional().describe("Only deliveries with this outcome."),
  before: z.coerce.number().int().positive().optional().describe("The `next` cursor of the previous page."),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("At most this many (1–500, default 50)."),
});

/** What became of each channel step's deliveries, and one step's deliveries (issue 15: the canvas shows and links them). */
export const stepDeliveryRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/deliveries",
    operationId: "journeyDeliveries",
    summary: "Delivery outcomes per channel step: sent, queued, deferred, retrying, skipped and dead (with reasons)",
    tag,
    auth: "secret",
    query: z.object({ version: Version }),
    success: {
      status: 200,
      description: "One entry per step that has deliveries.",
      schema: z.object({ journeyId: z.string(), version: z.number().nullable(), steps: z.array(StepDeliveriesSchema) }),
    },
    errors: [404],
    handle: ({ overture, workspaceId, params, query }) =>
      overture.journeys.deliveries(workspaceId, id(params), query.version),
  }),
  defineRoute({
    method: "get",
    path: "/v1/journeys/:id/steps/:stepId/deliveries",
    operationId: "stepDeliveries",
    summary: "List one step's deliveries, newest first, optionally of one outcome (one page)",
    tag,
    auth: "secret",
    query: StepDeliveriesQuery,
    success: {
      status: 200,
      description: "The deliveries, and the cursor of the next page.",
      schema: z.object({ items: z.array(StepDeliverySchema), next: z.number().nullable() }),
    },
    errors: [404],
    handle: async ({ overture, workspaceId, params, query }) => {
      const items = await overture.journeys.deliveriesAtStep(workspaceId, id(params), params.stepId ?? "", query);
      const last = items.at(-1);
      return { items, next: items.length === query.limit && last ? last.seq : null };
    },
  }),
];
