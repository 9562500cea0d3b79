import { useEffect, useState } from "react";
import { deliveryApi } from "../api/delivery-api.ts";
import type { DeliveryPolicy } from "../model/policy-notes.ts";

let cached: Promise<DeliveryPolicy | null> | null = null;
const listeners = new Set<(policy: DeliveryPolicy | null) => void>();

/** The policy as just saved by the settings screen: panels and nodes already open show it at once. */
export function rememberDeliveryPolicy(policy: DeliveryPolicy): void {
  cached = Promise.resolve(policy);
  for (const listener of listeners) listener(policy);
}

/** The workspace's delivery policy (null while loading, or on a server without one), shared by every panel and node. */
export function useDeliveryPolicy(): DeliveryPolicy | null {
  const [policy, setPolicy] = useState<DeliveryPolicy | null>(null);
  useEffect(() => {
    let live = true;
    // Without the route (an older server) the editor simply shows no warnings.
    cached ??= deliveryApi.policy().catch(() => null);
    void cached.then((p) => live && setPolicy(p));
    listeners.add(setPolicy);
    return () => {
      live = false;
      listeners.delete(setPolicy);
    };
  }, []);
  return policy;
}
