import {
  EndpointDeletedSchema,
  EndpointInput,
  EndpointListSchema,
  EndpointSchema,
  SigningSecretSchema,
} from "@overture/api-contract";
import {
  deleteWebhookEndpoint,
  ensurePolicySchema,
  ensureWebhookSchema,
  listWebhookEndpoints,
  putWebhookEndpoint,
  rotateWorkspaceSigningSecret,
  workspaceSigningSecret,
} from "@overture/channels";
import type { Store } from "@overture/runtime";
import { z } from "zod";
import { auditedChange } from "../access/audit-route.ts";
import { parseWith } from "../parse-request.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Webhooks";

const ready = new WeakSet<Store>();

/**
 * The store behind the API with the webhook and delivery-policy tables ensured. These routes hand it to the channel
 * features' functions, which own those tables; an opened Overture (what `serve` and the tests pass to createApp) has it.
 */
export async function deliveryStore(overture: OvertureApi): Promise<Store> {
  const { store } = overture;
  if (!store)
    throw new Error(
      "the webhook, outbox and delivery-policy routes need the runtime's store: pass the opened Overture to createApp",
    );
  if (!ready.has(store)) {
    await ensureWebhookSchema(store);
    await ensurePolicySchema(store);
    ready.add(store);
  }
  return store;
}

const EndpointName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-', at most 100 (e.g. crm.orders)");

/** Webhook endpoints: where webhook steps send (secret key). Secrets are never listed, header values are masked. */
export const webhookRoutes: RouteDef[] = [
  defineRoute({
    method: "put",
    path: "/v1/webhook-endpoints/:name",
    operationId: "putWebhookEndpoint",
    summary: "Create or replace a webhook endpoint",
    description:
      "A webhook step names the endpoint. Without `secret`, a new endpoint gets a generated one (in this answer only) and an existing one keeps its own.",
    tag,
    auth: "secret",
    body: EndpointInput,
    success: {
      status: 200,
      description: "The endpoint as stored (the secret only when generated).",
      schema: EndpointSchema,
    },
    handle: async ({ overture, workspaceId, params, body, c }) => {
      const store = await deliveryStore(overture);
      const name = parseWith(EndpointName, params.name, "endpoint name");
      const before = listWebhookEndpoints(store, workspaceId).then((all) => all.find((e) => e.name === name) ?? null);
      return auditedChange(c, before, () =>
        putWebhookEndpoint(store, workspaceId, { ...body, name }, overture.clock.now()),
      );
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    summary: "List the webhook endpoints (without their secrets)",
    tag,
    auth: "secret",
    success: {
      status: 200,
      description: "Every endpoint of the workspace, by name.",
      schema: EndpointListSchema,
    },
    handle: async ({ overture, workspaceId }) => ({
      endpoints: await listWebhookEndpoints(await deliveryStore(overture), workspaceId),
    }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/webhook-endpoints/:name",
    operationId: "deleteWebhookEndpoint",
    summary: "Delete a webhook endpoint",
    description:
      "Refused with 409 `endpoint_in_use`, naming each journey and step, while the current version of an active or paused journey calls it.",
    tag,
    auth: "secret",
    success: { status: 200, description: "Deleted.", schema: EndpointDeletedSchema },
    errors: [404, 409],
    handle: async ({ overture, workspaceId, params }) => {
      const name = parseWith(EndpointName, params.name, "endpoint name");
      await deleteWebhookEndpoint(await deliveryStore(overture), workspaceId, name);
      return { name, deleted: true as const };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhook-signing-secret",
    operationId: "getWebhookSigningSecret",
    summary: "The workspace's signing secret for webhook steps that name a URL",
    description:
      "Created on first use. Receivers of URL steps verify `X-Overture-Signature` with it, as endpoint receivers do with their endpoint's secret.",
    tag,
    auth: "secret",
    success: { status: 200, description: "The secret.", schema: SigningSecretSchema },
    handle: async ({ overture, workspaceId }) =>
      workspaceSigningSecret(await deliveryStore(overture), workspaceId, overture.clock.now()),
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhook-signing-secret/rotate",
    operationId: "rotateWebhookSigningSecret",
    summary: "Replace the workspace's signing secret for URL steps",
    description: "Takes effect at once: calls from now on are signed with the new secret.",
    tag,
    auth: "secret",
    success: { status: 200, description: "The new secret.", schema: SigningSecretSchema },
    handle: async ({ overture, workspaceId }) =>
      rotateWorkspaceSigningSecret(await deliveryStore(overture), workspaceId, overture.clock.now()),
  }),
];
