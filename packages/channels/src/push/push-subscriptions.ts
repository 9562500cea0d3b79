import type { SqlRunner } from "@overture/runtime";

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it, kept for one customer. */
export type PushSubscriptionRecord = {
  customerId: string;
  /** The push service's URL for this browser: unique, so it is the subscription's key. */
  endpoint: string;
  /** The browser's P-256 public key and auth secret (base64url), which the payload is encrypted for (RFC 8291). */
  keys: { p256dh: string; auth: string };
  createdAt: number;
  updatedAt: number;
};

/** The push subscriptions of a workspace: the only road to the `push_subscriptions` table. */
export type PushSubscriptions = {
  /**
   * Keeps a subscription for a customer; an endpoint already known (the same browser subscribing again, or a shared
   * browser now signed in as someone else) is taken over with its new keys.
   */
  add(
    workspaceId: string,
    subscription: Omit<PushSubscriptionRecord, "createdAt" | "updatedAt">,
    now: number,
  ): Promise<void>;
  /** The customer's subscriptions, oldest first. */
  list(workspaceId: string, customerId: string): Promise<PushSubscriptionRecord[]>;
  /** Forgets one endpoint (the browser unsubscribed, or the push service said it expired); true when it was known. */
  remove(workspaceId: string, endpoint: string, customerId?: string): Promise<boolean>;
  /** Forgets every subscription of a customer (erasure); how many there were. */
  removeAll(workspaceId: string, customerId: string): Promise<number>;
};

/** The subscriptions port over the store's SQL runner (SQLite or PostgreSQL: the statements are the same). */
export function pushSubscriptions(sql: SqlRunner): PushSubscriptions {
  return {
    async add(workspaceId, s, now) {
      await sql.run(
        `INSERT INTO push_subscriptions (workspace_id, endpoint, customer_id, p256dh, auth, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, endpoint) DO UPDATE SET customer_id = excluded.customer_id, p256dh = excluded.p256dh,
           auth = excluded.auth, updated_at = excluded.updated_at`,
        [workspaceId, s.endpoint, s.customerId, s.keys.p256dh, s.keys.auth, now, now],
      );
    },
    async list(workspaceId, customerId) {
      const rows = await sql.all<Record<string, unknown>>(
        "SELECT * FROM push_subscriptions WHERE workspace_id = ? AND customer_id = ? ORDER BY created_at, endpoint",
        [workspaceId, customerId],
      );
      return rows.map((r) => ({
        customerId: r.customer_id as string,
        endpoint: r.endpoint as string,
        keys: { p256dh: r.p256dh as string, auth: r.auth as string },
        createdAt: Number(r.created_at),
        updatedAt: Number(r.updated_at),
      }));
    },
    async remove(workspaceId, endpoint, customerId) {
      // A customer may only drop their own browser's subscription; the channel drops any expired one.
      const changed =
        customerId === undefined
          ? await sql.run("DELETE FROM push_subscriptions WHERE workspace_id = ? AND endpoint = ?", [
              workspaceId,
              endpoint,
            ])
          : await sql.run(
              "DELETE FROM push_subscriptions WHERE workspace_id = ? AND endpoint = ? AND customer_id = ?",
              [workspaceId, endpoint, customerId],
            );
      return changed > 0;
    },
    removeAll: (workspaceId, customerId) =>
      sql.run("DELETE FROM push_subscriptions WHERE workspace_id = ? AND customer_id = ?", [workspaceId, customerId]),
  };
}
