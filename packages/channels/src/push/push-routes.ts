import { InputError } from "@overture/runtime";
import { z } from "zod";
import type { ChannelRoute, ChannelRouteInput } from "../channel-module.ts";
import { pushSubscriptions } from "./push-subscriptions.ts";
import { workspaceVapidKeys } from "./vapid-keys.ts";

const base64url = (what: string) =>
  z
    .string({ error: `${what} is a base64url string` })
    .min(1, { error: `${what} is empty` })
    .max(200, { error: `${what} is at most 200 characters` })
    .regex(/^[A-Za-z0-9_-]+=*$/, { error: `${what} must be base64url (letters, digits, '-' and '_')` });

const endpoint = z
  .string({ error: "endpoint is the push service URL the browser gave" })
  .max(2000, { error: "endpoint is at most 2000 characters" })
  .refine(isPushEndpoint, {
    error: "endpoint must be an https URL (http only on 127.0.0.1 or localhost, for the dev push service)",
  });

/** The browser's `PushSubscription.toJSON()`: what the portal posts. */
export const PushSubscriptionBody = z.object({
  endpoint,
  expirationTime: z.number().nullable().optional(),
  keys: z.object(
    { p256dh: base64url("keys.p256dh"), auth: base64url("keys.auth") },
    { error: "keys is an object with p256dh and auth (PushSubscription.toJSON())" },
  ),
});

/** Which subscription to forget: the browser's endpoint. */
export const PushUnsubscribeBody = z.object({ endpoint });

const PublicKeyAnswer = z.object({ publicKey: z.string() });
const SubscribedAnswer = z.object({ endpoint: z.string(), customerId: z.string() });
const UnsubscribedAnswer = z.object({ endpoint: z.string(), removed: z.boolean() });

/** True for an https URL, or http on loopback (the dev push service). */
export function isPushEndpoint(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The body parsed with `schema`, or a 400 naming each wrong field (the server parses it too; this keeps the route whole). */
function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.join(".") || "body",
    code: issue.code,
    message: issue.path.length === 0 && issue.code === "invalid_type" ? "send a JSON object" : issue.message,
  }));
  throw new InputError("invalid_input", problems.map((p) => `${p.path}: ${p.message}`).join("; "), problems);
}

function customerOf(input: ChannelRouteInput): string {
  if (!input.customerId) throw new InputError("invalid_customer_token", "send the customer's id and token");
  return input.customerId;
}

/** The push channel's routes: the public key the portal subscribes with, and the customer's subscriptions. */
export const pushRoutes: ChannelRoute[] = [
  {
    method: "get",
    path: "/v1/channels/push/public-key",
    operationId: "getPushPublicKey",
    summary: "The workspace's VAPID public key, for PushManager.subscribe({ applicationServerKey })",
    description: "Generated on first use. A portal call: the write key and the customer's id and token.",
    auth: "customer",
    success: { status: 200, description: "The key, base64url", schema: PublicKeyAnswer },
    errors: [401],
    async handle({ deps, workspaceId }) {
      const keys = await workspaceVapidKeys(deps.store.sql, deps.secrets, workspaceId, deps.clock.now());
      return { publicKey: keys.publicKey };
    },
  },
  {
    method: "post",
    path: "/v1/channels/push/subscriptions",
    operationId: "subscribePush",
    summary: "Keeps the browser's push subscription for the signed-in customer",
    description: "The body is PushSubscription.toJSON(). Posting an endpoint again replaces its keys.",
    auth: "customer",
    body: PushSubscriptionBody,
    success: { status: 201, description: "Subscribed", schema: SubscribedAnswer },
    errors: [400, 401],
    async handle(input) {
      const customerId = customerOf(input);
      const body = parsed(PushSubscriptionBody, input.body);
      await pushSubscriptions(input.deps.store.sql).add(
        input.workspaceId,
        { customerId, endpoint: body.endpoint, keys: body.keys },
        input.deps.clock.now(),
      );
      return { endpoint: body.endpoint, customerId };
    },
  },
  {
    method: "delete",
    path: "/v1/channels/push/subscriptions",
    operationId: "unsubscribePush",
    summary: "Forgets one of the signed-in customer's push subscriptions",
    auth: "customer",
    body: PushUnsubscribeBody,
    success: { status: 200, description: "Whether it was known", schema: UnsubscribedAnswer },
    errors: [400, 401],
    async handle(input) {
      const customerId = customerOf(input);
      const body = parsed(PushUnsubscribeBody, input.body);
      const removed = await pushSubscriptions(input.deps.store.sql).remove(
        input.workspaceId,
        body.endpoint,
        customerId,
      );
      return { endpoint: body.endpoint, removed };
    },
  },
];
