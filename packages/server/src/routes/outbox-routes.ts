import {
  CircuitListSchema,
  type CircuitSchema,
  DeliveryPolicySchema,
  OutboxDetailSchema,
  OutboxEntrySchema,
  OutboxListSchema,
  OutboxQuery,
  type OutboxStatus,
  RedriveResultSchema,
  RedriveSchema,
} from "@overture/api-contract";
import {
  getDeliveryPolicy,
  getOutboxEntry,
  listOutbox,
  putDeliveryPolicy,
  registryDeliveryPolicy,
  retryOutbox,
} from "@overture/channels";
import { deliveryReasonOf, deliveryStateOf, wakeDispatchers } from "@overture/runtime";
import { z } from "zod";
import { auditedChange } from "../access/audit-route.ts";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type RouteDef } from "../route.ts";
import { deliveryStore } from "./webhook-routes.ts";

const tag = "Deliveries";

/** An outbox entry with its reason and outcome, as the journey's delivery figures count them. */
function withOutcome<T extends { status: z.infer<typeof OutboxStatus>; lastError: string | null; attempts: number }>(
  entry: T,
) {
  const reason = deliveryReasonOf(entry.lastError);
  return { ...entry, reason, outcome: deliveryStateOf(entry.status, reason, entry.attempts > 0) };
}

/** The dispatcher of the process, when the server was given the runtime (its circuits are this process's). */
type WithDispatcher = { dispatcher?: { circuits(workspaceId?: string): Array<z.infer<typeof CircuitSchema>> } };

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
      schema: OutboxListSchema,
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
      schema: RedriveResultSchema,
    },
    handle: async ({ overture, workspaceId, body }) => {
      const { dryRun, ...filter } = body;
      const store = await deliveryStore(overture);
      const count = await store.redriveOutbox({ ...filter, workspaceId }, overture.clock.now(), { dryRun });
      // Due now: the dispatchers need not wait for their fallback poll (docs/decisions/0029).
      if (!dryRun && count > 0) await wakeDispatchers(store);
      return { count, dryRun };
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
      schema: CircuitListSchema,
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
    handle: async ({ overture, workspaceId, body, c }) => {
      const store = await deliveryStore(overture);
      return auditedChange(c, getDeliveryPolicy(store, workspaceId), () =>
        putDeliveryPolicy(store, workspaceId, body, overture.clock.now()),
      );
    },
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
