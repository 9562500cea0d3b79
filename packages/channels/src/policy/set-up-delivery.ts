import { type Overture, type SecretBox, systemClock } from "@overture/runtime";
import { type ResealReport, resealWebhookSecrets } from "../webhook/reseal-webhook-secrets.ts";
import { createWebhookChannel, type WebhookChannelOptions } from "../webhook/webhook-channel.ts";
import { ensureWebhookSchema } from "../webhook/webhook-endpoints.ts";
import { useWebhookSecretBox } from "../webhook/webhook-secret-key.ts";
import { withDeliveryPolicy } from "./delivery-policy.ts";
import { type DeliveryPolicy, ensurePolicySchema } from "./policy-settings.ts";

/**
 * Wires webhooks and the delivery policy into an opened runtime: their tables, the key sealing webhook secrets at
 * rest (`secrets`, from the server's secret; rows in clear or sealed with a previous secret are sealed again now), the
 * webhook channel, and the policy around every channel handler (those registered before and after this call).
 * `allow` is OVERTURE_WEBHOOK_ALLOW; `policy` the default policy and `consent` each channel's consent kind (see
 * defaultDeliveryPolicy and consentKinds, built from the channel modules). Returns what the resealing did (rows it
 * could not open are named).
 */
export async function setUpDelivery(
  overture: Pick<Overture, "store" | "clock" | "dispatcher">,
  options: {
    secrets: SecretBox;
    allow?: string;
    policy?: DeliveryPolicy;
    consent?: Record<string, string>;
    fetch?: WebhookChannelOptions["fetch"];
  },
): Promise<ResealReport> {
  const { store, clock, dispatcher } = overture;
  await ensureWebhookSchema(store);
  await ensurePolicySchema(store);
  useWebhookSecretBox(store, options.secrets);
  const report = await resealWebhookSecrets(store);
  dispatcher.wrapHandlers((handler) =>
    withDeliveryPolicy(handler, { store, clock, policy: options.policy, consent: options.consent }),
  );
  // Receivers check the signature's timestamp against their own clock, whatever the runtime's clock says.
  dispatcher.register(
    createWebhookChannel({ store, clock, allow: options.allow, fetch: options.fetch, signingClock: systemClock }),
  );
  return report;
}
