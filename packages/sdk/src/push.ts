import type { AsCustomer } from "./notifications.ts";
import { type Connection, call } from "./transport.ts";

/** A browser push subscription as `PushSubscription.toJSON()` gives it: what the server keeps for the customer. */
export type PushSubscriptionData = {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
};

/** The browser's PushSubscription itself, or its JSON. */
export type PushSubscriptionInput = PushSubscriptionData | { toJSON(): unknown; endpoint: string };

/** The signed-in customer's web push calls. */
export type PushApi = {
  /** The workspace's VAPID public key (base64url), for `pushManager.subscribe({ applicationServerKey })`. */
  publicKey(): Promise<string>;
  /** Keeps the browser's subscription for the signed-in customer: journeys' push steps reach this browser. */
  subscribe(subscription: PushSubscriptionInput): Promise<void>;
  /** Forgets this browser's subscription (call it with `subscription.unsubscribe()`). */
  unsubscribe(subscription: PushSubscriptionInput | string): Promise<void>;
};

/** The push calls, made as `asCustomer` says (it throws when nobody is signed in). */
export function pushApi(connection: Connection, asCustomer: AsCustomer): PushApi {
  return {
    async publicKey() {
      const answer = await asCustomer((identity) =>
        call<{ publicKey: string }>(connection, "GET", "/v1/channels/push/public-key", { identity }),
      );
      return answer.publicKey;
    },
    async subscribe(subscription) {
      const body = dataOf(subscription);
      await asCustomer((identity) => call(connection, "POST", "/v1/channels/push/subscriptions", { identity, body }));
    },
    async unsubscribe(subscription) {
      const endpoint = typeof subscription === "string" ? subscription : subscription.endpoint;
      await asCustomer((identity) =>
        call(connection, "DELETE", "/v1/channels/push/subscriptions", { identity, body: { endpoint } }),
      );
    },
  };
}

function dataOf(subscription: PushSubscriptionInput): PushSubscriptionData {
  return "toJSON" in subscription && typeof subscription.toJSON === "function"
    ? (subscription.toJSON() as PushSubscriptionData)
    : (subscription as PushSubscriptionData);
}
