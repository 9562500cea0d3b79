import { named } from "@overture/api-contract";
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
import { parseWith } from "../parse-request.ts";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";

const tag = "Webhooks";

const ready = new WeakSet<Store>();

/**
 * The store behind the API with the webhook and delivery-policy tables ensured. These routes read feature tables
 * through the store's SQL port; an opened Overture (what `serve` and the tests pass to createApp) has it.
 */
export async function deliveryStore(overture: OvertureApi): Promise<Store> {
  const store = (overture as OvertureApi & { store?: Store }).store;
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

/** Headers Overture sets itself; an endpoint may not override them. */
const RESERVED_HEADER = /^(x-overture-.*|content-type|content-length|host|user-agent|transfer-encoding|connection)$/i;

const EndpointInput = z.object({
  url: z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" }),
  secret: z
    .string()
    .min(16, "at least 16 characters")
    .max(200)
    .optional()
    .describe("Signs every call; generated (and shown once) when omitted on creation."),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(60_000)
    .optional()
    .describe("How long to wait for an answer (default 10,000)."),
  headers: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9-]{1,100}$/, "a header name")
        .refine((name) => !RESERVED_HEADER.test(name), "set by Overture"),
      z.string().max(2_000),
    )
    .optional()
    .describe("Extra headers sent with every call (e.g. an Authorization the receiver expects)."),
});

const EndpointSchema = named(
  "WebhookEndpoint",
  z.object({
    name: z.string(),
    url: z.string(),
    timeoutMs: z.number().nullable(),
    headers: z
      .record(z.string(), z.string())
      .describe(
        "Values are masked (`••••abcd`): they often hold tokens. Sending a masked value back in a PUT keeps the stored one.",
      ),
    createdAt: z.number(),
    updatedAt: z.number(),
    secret: z.string().optional().describe("Only when it was just generated: copy it now, it is never shown again."),
  }),
);

const SigningSecretSchema = named(
  "WebhookSigningSecret",
  z.object({
    secret: z
      .string()
      .describe(
        "Signs the calls of webhook steps that name a URL instead of an endpoint (same scheme as endpoint secrets).",
      ),
    createdAt: z.number(),
    rotatedAt: z.number(),
  }),
);

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
    handle: async ({ overture, workspaceId, params, body }) =>
      putWebhookEndpoint(
        await deliveryStore(overture),
        workspaceId,
        { ...body, name: parseWith(EndpointName, params.name, "endpoint name") },
        overture.clock.now(),
      ),
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
      schema: z.object({ endpoints: z.array(EndpointSchema) }),
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
    success: { status: 200, description: "Deleted.", schema: z.object({ name: z.string(), deleted: z.literal(true) }) },
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
