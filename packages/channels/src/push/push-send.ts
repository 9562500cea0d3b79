import { PermanentError, TransientError } from "@overture/runtime";
import webPush from "web-push";
import type { AllowList } from "../webhook/address-policy.ts";
import { postPush } from "./push-post.ts";
import type { PushSubscriptionRecord } from "./push-subscriptions.ts";
import type { VapidKeys } from "./vapid-keys.ts";

/** What the service worker receives (sw.js reads these fields). */
export type PushMessage = { title: string; body: string; url?: string; icon?: string };

/** How long a push service keeps a message for a browser that is offline: a day, then it is dropped. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

/** How one subscription's send ended: delivered to its push service, or the subscription no longer exists. */
export type PushOutcome = { type: "sent"; location: string | null } | { type: "gone"; status: number };

export type SendOptions = {
  keys: VapidKeys;
  subject: string;
  allow: AllowList;
  now: number;
  /** Replaces an undelivered message of the same topic (at most 32 base64url characters). */
  topic?: string;
  timeoutMs?: number;
};

/**
 * Encrypts `message` for one subscription (RFC 8291, aes128gcm), signs the request with the workspace's VAPID keys
 * (RFC 8292) and posts it (RFC 8030). 404 and 410 mean the browser dropped the subscription: `gone`, not an error.
 * 429 and 5xx are worth retrying (TransientError, honouring Retry-After); any other refusal will not change.
 */
export async function sendPushMessage(
  subscription: Pick<PushSubscriptionRecord, "endpoint" | "keys">,
  message: PushMessage,
  options: SendOptions,
): Promise<PushOutcome> {
  let details: ReturnType<typeof webPush.generateRequestDetails>;
  try {
    details = webPush.generateRequestDetails(subscription, JSON.stringify(message), {
      vapidDetails: {
        subject: options.subject,
        publicKey: options.keys.publicKey,
        privateKey: options.keys.privateKey,
      },
      TTL: PUSH_TTL_SECONDS,
      urgency: "normal",
      ...(options.topic ? { topic: options.topic } : {}),
    });
  } catch (error) {
    // Keys a browser would never give (a p256dh that is not a P-256 point): no retry will fix them.
    throw new PermanentError("push_subscription_invalid", `push: ${error instanceof Error ? error.message : error}`);
  }
  const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
  const answer = await postPush(new URL(details.endpoint), headers, details.body as Buffer, {
    timeoutMs: options.timeoutMs ?? 10_000,
    allow: options.allow,
  });
  const where = new URL(details.endpoint).host;
  if (answer.status >= 200 && answer.status < 300) return { type: "sent", location: answer.location };
  if (answer.status === 404 || answer.status === 410) return { type: "gone", status: answer.status };
  const said = `push service ${where} answered ${answer.status}${answer.text ? `: ${answer.text}` : ""}`;
  if (answer.status === 429 || answer.status >= 500)
    throw new TransientError("push_service_unavailable", said, retryAfterMs(answer.retryAfter, options.now));
  throw new PermanentError("push_refused", said);
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
