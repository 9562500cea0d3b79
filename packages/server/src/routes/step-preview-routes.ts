import { CustomerId } from "@overture/api-contract";
import { previewNotification, sendTestWebhook } from "@overture/channels";
import { InputError } from "@overture/runtime";
import { z } from "zod";
import { defineRoute, type RouteDef } from "../route.ts";
import { portalStore } from "./portal-routes.ts";
import { deliveryStore } from "./webhook-routes.ts";

const NotificationInput = z.object({
  title: z.string().max(500),
  body: z.string().max(20_000).default(""),
  link: z.string().max(2000).optional(),
  customerId: CustomerId.optional().describe("Render with this customer's profile; a sample customer when omitted."),
});

const NotificationPreviewSchema = z.object({
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  customerId: z.string(),
  problems: z.array(
    z.object({
      field: z.enum(["title", "body", "link"]),
      code: z
        .string()
        .describe("`liquid-syntax`, `missing-variable`, `template-limit` or `partial-not-allowed` (docs/errors.md)."),
      message: z.string(),
    }),
  ),
});

const WebhookTestInput = z.object({
  endpoint: z
    .string()
    .min(1)
    .max(2000)
    .describe("An endpoint name (PUT /v1/webhook-endpoints/{name}) or an http(s) URL, as in a webhook step."),
  payload: z.string().max(100_000).optional().describe("The step's payload template (JSON with Liquid)."),
  customerId: CustomerId.optional().describe("Render with this customer's profile; a sample customer when omitted."),
  dryRun: z.boolean().optional().describe("Only render the payload (outcome `rendered`); nothing is sent."),
  stepName: z
    .string()
    .max(200)
    .optional()
    .describe("The step's name: a payload's mistake is told naming it (\"The payload of step 'Tell billing' …\")."),
});

const WebhookTestSchema = z.object({
  outcome: z.enum(["answered", "failed", "rendered"]),
  url: z.string().nullable(),
  payload: z.string().nullable().describe("The body as rendered (null when it could not be)."),
  status: z.number().optional(),
  body: z.string().optional().describe("The first 2,000 characters of the answer."),
  durationMs: z.number().optional(),
  code: z.string().optional().describe("When failed: the delivery outcome a real send would get (docs/errors.md)."),
  message: z.string().optional(),
});

/** The editor's previews and tries of step content: POST /v1/notifications/preview and /v1/webhooks/test (secret key). */
export const stepPreviewRoutes: RouteDef[] = [
  defineRoute({
    method: "post",
    path: "/v1/notifications/preview",
    operationId: "previewNotification",
    summary: "Render a portal notification's title, body and link (Liquid) for a customer or a sample customer",
    description: "A field that does not render comes back as written, with a problem naming it.",
    tag: "Portal",
    auth: "secret",
    body: NotificationInput,
    success: {
      status: 200,
      description: "The notification as the inbox would show it.",
      schema: NotificationPreviewSchema,
    },
    errors: [404],
    handle: async ({ overture, workspaceId, body }) => {
      const preview = await previewNotification(await portalStore(overture), workspaceId, body, body.customerId);
      if (!preview) throw noCustomer(body.customerId ?? "");
      return preview;
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/test",
    operationId: "testWebhook",
    summary: "Call a webhook once as a step would (same payload, signature and address policy) and show the answer",
    description:
      "The answer of the receiver, whatever its status, is `outcome: answered`; a call that could not be made (a refused address, a payload " +
      "that does not render to JSON, a timeout) is `outcome: failed` with the delivery outcome code. Non-public addresses need OVERTURE_WEBHOOK_ALLOW.",
    tag: "Webhooks",
    auth: "secret",
    body: WebhookTestInput,
    success: { status: 200, description: "What happened.", schema: WebhookTestSchema },
    errors: [404],
    handle: async ({ overture, workspaceId, body }) =>
      // The allow list real sends use (serve passes the same variable to the webhook channel).
      sendTestWebhook(await deliveryStore(overture), workspaceId, body, {
        allow: process.env.OVERTURE_WEBHOOK_ALLOW,
        now: Date.now(),
      }),
  }),
];

function noCustomer(id: string): InputError {
  return new InputError("not_found", `No customer with id '${id}'.`, [
    { path: "customerId", code: "not_found", message: id },
  ]);
}
