import type { SecretBox, Store } from "@overture/runtime";

const boxes = new WeakMap<object, SecretBox>();

/**
 * Says which box seals the webhook secrets kept in `store`. `setUpDelivery` calls it with the server's secret, so the
 * channel and the API routes of the same process read the same keys; tests that build a channel by hand call it too.
 */
export function useWebhookSecretBox(store: Pick<Store, "sql">, box: SecretBox): void {
  boxes.set(store, box);
}

/** The box set by {@link useWebhookSecretBox}; throws when none was, rather than keep a secret in clear. */
export function webhookSecretBox(store: Pick<Store, "sql">): SecretBox {
  const box = boxes.get(store);
  if (!box) throw new Error("webhook secrets are encrypted at rest: call setUpDelivery (or useWebhookSecretBox) with the server's secret first");
  return box;
}
