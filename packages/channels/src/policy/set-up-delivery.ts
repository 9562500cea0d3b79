import { type Overture, systemClock } from "@overture/runtime";
import { createWebhookChannel, type WebhookChannelOptions } from "../webhook/webhook-channel.ts";
import { ensureWebhookSchema } from "../webhook/webhook-endpoints.ts";
import { withDeliveryPolicy } from "./delivery-policy.ts";
import { type DeliveryPolicy, ensurePolicySchema } from "./policy-settings.ts";

/**
 * Wires webhooks and the delivery policy into an opened runtime: their tables, the webhook channel, and the policy
 * around every channel handler (those registered before and after this call). `allow` is OVERTURE_WEBHOOK_ALLOW.
 */
export async function setUpDelivery(
  overture: Pick<Overture, "store" | "clock" | "dispatcher">,
  options: { allow?: string; policy?: DeliveryPolicy; fetch?: WebhookChannelOptions["fetch"] } = {},
): Promise<void> {
  const { store, clock, dispatcher } = overture;
  await ensureWebhookSchema(store);
  await ensurePolicySchema(store);
  dispatcher.wrapHandlers((handler) => withDeliveryPolicy(handler, { store, clock, policy: options.policy }));
  // Receivers check the signature's timestamp against their own clock, whatever the runtime's clock says.
  dispatcher.register(createWebhookChannel({ store, clock, allow: options.allow, fetch: options.fetch, signingClock: systemClock }));
}
