import type { SecretBox, Store } from "@overture/runtime";

const boxes = new WeakMap<object, SecretBox>();

/**
 * Says which box seals the secrets the channels keep in `store` (webhook secrets and endpoint headers, identity
 * secrets): one box per store, from the server's secret. `setUpDelivery` calls it; tests that build parts by hand too.
 */
export function useSecretBox(store: Pick<Store, "sql">, box: SecretBox): void {
  boxes.set(store, box);
}

/** The box set by {@link useSecretBox}; throws when none was, rather than keep a secret in clear. */
export function secretBoxOf(store: Pick<Store, "sql">): SecretBox {
  const box = boxes.get(store);
  if (!box)
    throw new Error(
      "secrets are encrypted at rest: call setUpDelivery (or useSecretBox) with the server's secret first",
    );
  return box;
}
