import type { Json } from "@overture/core";
import type { CustomerService, EventService } from "@overture/runtime";
import { type TrackedMessage, verifyToken } from "./tracking-token.ts";

/** The runtime services tracking writes to. */
export type TrackingServices = { customers: Pick<CustomerService, "get" | "upsert">; events: EventService };

/** What the tracked links of emails do when followed. Every function checks the link's signature first. */
export type EmailTracking = {
  /** Records `email.opened` (once per message); false for a bad token. */
  open(token: string): Promise<boolean>;
  /** Records `email.clicked` { url, stepId, journeyId } and returns where to send the reader; null for a bad link. */
  click(token: string, url: string): Promise<string | null>;
  /** Who an unsubscribe link is for, without changing anything (the confirmation page); null for a bad token. */
  unsubscribeTarget(
    token: string,
  ): Promise<{ message: TrackedMessage; email: string | null; unsubscribed: boolean } | null>;
  /** Withdraws email consent (`consent.email = false`) and records `email.unsubscribed`; false for a bad token. */
  unsubscribe(token: string): Promise<boolean>;
};

/**
 * Opens, clicks and unsubscribes become ordinary customer events (`email.opened`, `email.clicked`,
 * `email.unsubscribed`), so journeys can wait on them and branch on them. `secret` is the signing secret, or the
 * current one followed by the previous ones (links sent before a rotation still work; new links use the current one).
 */
export function createEmailTracking(secret: string | readonly string[], services: TrackingServices): EmailTracking {
  const ingest = (message: TrackedMessage, name: string, id: string | undefined, extra: Record<string, Json> = {}) =>
    services.events.ingest(message.workspaceId, [
      {
        id,
        name,
        customerId: message.customerId,
        properties: { journeyId: message.journeyId, stepId: message.stepId, messageKey: message.key, ...extra },
      },
    ]);
  return {
    async open(token) {
      const message = verifyToken(secret, "o", token);
      if (!message) return false;
      await ingest(message, "email.opened", `email.opened:${message.key}`);
      return true;
    },
    async click(token, url) {
      const message = verifyToken(secret, "c", token, url);
      if (!message || !/^https?:\/\//i.test(url)) return null;
      await ingest(message, "email.clicked", undefined, { url });
      return url;
    },
    async unsubscribeTarget(token) {
      const message = verifyToken(secret, "u", token);
      if (!message) return null;
      const customer = await services.customers.get(message.workspaceId, message.customerId);
      const email = customer?.attributes.email;
      const consent = customer?.attributes.consent;
      const unsubscribed = isObject(consent) && consent.email === false;
      return { message, email: typeof email === "string" ? email : null, unsubscribed };
    },
    async unsubscribe(token) {
      const message = verifyToken(secret, "u", token);
      if (!message) return false;
      const customer = await services.customers.get(message.workspaceId, message.customerId);
      const consent = customer?.attributes.consent;
      // Attributes merge shallowly: keep the other channels' consent.
      await services.customers.upsert(message.workspaceId, {
        id: message.customerId,
        attributes: { consent: { ...(isObject(consent) ? consent : {}), email: false } },
      });
      await ingest(message, "email.unsubscribed", `email.unsubscribed:${message.key}`, { channel: "email" });
      return true;
    },
  };
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
