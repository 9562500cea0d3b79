import type { SecretBox, Store } from "@overture/runtime";
import { secretBoxOf, useSecretBox } from "../secrets/store-secret-box.ts";

/**
 * Says which box seals the webhook secrets kept in `store`: the one box of the store ({@link useSecretBox}), which
 * seals the identity secrets too. `setUpDelivery` calls it with the server's secret.
 */
export function useWebhookSecretBox(store: Pick<Store, "sql">, box: SecretBox): void {
  useSecretBox(store, box);
}

/** The box set by {@link useWebhookSecretBox}; throws when none was, rather than keep a secret in clear. */
export function webhookSecretBox(store: Pick<Store, "sql">): SecretBox {
  return secretBoxOf(store);
}
