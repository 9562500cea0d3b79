import type { Json } from "@overture/core";

/** One outbox row handed to a channel. `key` is stable across retries: channels use it to avoid sending twice. */
export type Delivery = {
  key: string;
  workspaceId: string;
  customerId: string;
  channel: string;
  journeyId: string;
  version: number;
  stepId: string;
  payload: Record<string, Json>;
  attempt: number;
};

/**
 * What became of a delivery, as data: sent (with a detail the outbox keeps), skipped on purpose (no consent, a cap
 * reached: the row ends `skipped` with the reason and is not retried), or deferred until an instant (quiet hours: the
 * row waits without spending an attempt). `code` is stable (`no_consent`, `frequency_capped`, `quiet_hours`…); the
 * outbox records the reason, which the user reads.
 */
export type DeliveryOutcome =
  | { status: "sent"; detail?: Json }
  | { status: "skipped"; code: string; reason: string }
  | { status: "deferred"; code: string; reason: string; until: number };

/**
 * @deprecated What a handler resolved to before outcomes were data: a detail (or nothing), counted as sent. Accepted
 * for one release so that handlers written against the old contract keep working; return a DeliveryOutcome instead.
 */
export type LegacyDeliveryResult = Json | undefined;

/**
 * The contract every channel implements. Resolve to a DeliveryOutcome: sent, skipped or deferred are expected and are
 * never thrown. Throw only for failures: TransientError to retry with backoff (its retryAfterMs honoured up to the
 * channel's cap), PermanentError to dead-letter at once; any other error is retried. For one release a handler may
 * still resolve to a plain detail (LegacyDeliveryResult, recorded as sent) and throw SkippedError or DeferredError.
 */
export type ChannelHandler = {
  channel: string;
  deliver(delivery: Delivery): Promise<DeliveryOutcome | LegacyDeliveryResult>;
  /**
   * The endpoint a delivery goes to (an SMTP host, a webhook endpoint), so that one failing endpoint opens its own
   * circuit and pauses only its rows. Without it the whole channel is one circuit. No secrets: ops see it.
   */
  endpointOf?(delivery: Delivery): string | undefined;
};

/**
 * True when a handler's answer is a DeliveryOutcome rather than a legacy detail: an object whose `status` is one of
 * the three and whose fields are exactly that outcome's. A legacy detail shaped like an outcome would be read as one;
 * none of ours is (the webhook's `status` is a number).
 */
export function isDeliveryOutcome(value: unknown): value is DeliveryOutcome {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  const explained = typeof v.code === "string" && typeof v.reason === "string";
  switch (v.status) {
    case "sent":
      return only("status", "detail");
    case "skipped":
      return explained && only("status", "code", "reason");
    case "deferred":
      return (
        explained &&
        typeof v.until === "number" &&
        Number.isFinite(v.until) &&
        only("status", "code", "reason", "until")
      );
    default:
      return false;
  }
}

/** A handler's answer as an outcome: a legacy detail (or nothing) is sent with that detail. */
export function toDeliveryOutcome(result: DeliveryOutcome | LegacyDeliveryResult): DeliveryOutcome {
  if (isDeliveryOutcome(result)) return result;
  return result === undefined ? { status: "sent" } : { status: "sent", detail: result };
}
