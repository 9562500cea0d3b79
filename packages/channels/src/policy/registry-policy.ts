import { channelModules } from "../registry.ts";
import { consentKinds, type DeliveryPolicy, defaultDeliveryPolicy } from "./policy-settings.ts";

/** Each registered channel's policy defaults, by outbox channel ("slot" for personalize). */
function modulePolicies() {
  return Object.fromEntries(channelModules().map((m) => [m.ui.spec.channel, m.policy]));
}

/** The delivery policy of a workspace that has saved none: each registered channel's defaults. */
export function registryDeliveryPolicy(): DeliveryPolicy {
  return defaultDeliveryPolicy(modulePolicies());
}

/** The consent attribute each registered channel checks (`consent.<kind>`), by outbox channel. */
export function registryConsentKinds(): Record<string, string> {
  return consentKinds(modulePolicies());
}
