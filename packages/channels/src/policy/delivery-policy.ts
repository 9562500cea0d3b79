import { durationMs, formatDuration } from "@overture/core";
import {
  type ChannelHandler,
  type Clock,
  type Delivery,
  type DeliveryOutcome,
  deliveryLoads,
  type Store,
  toDeliveryOutcome,
} from "@overture/runtime";
import { RecentSends, sentKeys } from "./frequency-cap.ts";
import { loadSavedPolicy } from "./policy-loads.ts";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy, withFallback } from "./policy-settings.ts";
import { customerTimeZone, quietHoursEnd } from "./quiet-hours.ts";

/** Options of {@link withDeliveryPolicy}. */
export type DeliveryPolicyOptions = {
  store: Store;
  clock: Clock;
  /** The policy of workspaces that have not saved one (default {@link DEFAULT_DELIVERY_POLICY}). */
  policy?: DeliveryPolicy;
  /**
   * The consent each channel checks (`consent.<kind>`), by channel: its module's `policy.consent` (see
   * {@link consentKinds}). A channel not listed checks its own name, as email, notification, slot and webhook do.
   */
  consent?: Record<string, string>;
};

/** What {@link decideDelivery} needs besides the delivery and the policy. */
export type DecideOptions = {
  now: number;
  /** Sends of this process not yet in the delivery facts (counted against caps). */
  recent?: RecentSends;
  /** The consent each channel checks, by channel (see {@link DeliveryPolicyOptions}). */
  consent?: Record<string, string>;
};

/** The verdict for one delivery: send it, skip it with a reason, or wait until an instant. */
export type PolicyDecision =
  | { type: "send" }
  | { type: "skip"; code: "no_consent" | "frequency_capped"; reason: string }
  | { type: "defer"; code: "quiet_hours"; reason: string; until: number };

/**
 * True when the customer withdrew consent of a kind (a channel's, usually its name): `consent: { email: false }` or
 * `"consent.email": false`.
 */
export function hasWithdrawnConsent(attributes: Record<string, unknown>, kind: string): boolean {
  const consent = attributes.consent;
  if (consent !== null && typeof consent === "object" && (consent as Record<string, unknown>)[kind] === false)
    return true;
  return attributes[`consent.${kind}`] === false;
}

/** True when the customer gave consent of a kind: `consent: { email: true }` or `"consent.email": true`. */
export function hasGivenConsent(attributes: Record<string, unknown>, kind: string): boolean {
  const consent = attributes.consent;
  if (consent !== null && typeof consent === "object" && (consent as Record<string, unknown>)[kind] === true)
    return true;
  return attributes[`consent.${kind}`] === true;
}

/**
 * Decides one delivery: consent first (of the kind the channel checks; a refusal is final), then quiet hours (wait;
 * the cap is judged when the wait is over), then the frequency cap (counted from sent deliveries in the window ending
 * now).
 */
export async function decideDelivery(
  store: Store,
  policy: DeliveryPolicy,
  delivery: Delivery,
  options: DecideOptions,
): Promise<PolicyDecision> {
  const { now, recent = new RecentSends() } = options;
  // Coalesced with the other rows of the dispatcher's batch: one query for all their customers.
  const customer = await deliveryLoads(store).customer(delivery.workspaceId, delivery.customerId);
  const attributes = customer?.attributes ?? {};
  const channel = delivery.channel;
  const kind = options.consent?.[channel] ?? channel;
  if (hasWithdrawnConsent(attributes, kind)) {
    return { type: "skip", code: "no_consent", reason: `no consent: the customer's consent.${kind} is false` };
  }
  const rules = policy.channels[channel] ?? {};
  if (rules.optIn && !hasGivenConsent(attributes, kind)) {
    return {
      type: "skip",
      code: "no_consent",
      reason: `no consent: ${channel} needs opt-in and the customer's consent.${kind} is not true`,
    };
  }
  const quiet = policy.quietHours;
  if (rules.quietHours && quiet) {
    const zone = customerTimeZone(attributes, quiet.defaultTimezone);
    const until = quietHoursEnd(now, quiet, zone);
    if (until !== null) {
      return {
        type: "defer",
        code: "quiet_hours",
        until,
        reason: `quiet hours ${quiet.start}–${quiet.end} ${zone}: held until ${new Date(until).toISOString()}`,
      };
    }
  }
  if (rules.cap) {
    const window = durationMs(rules.cap.per);
    const since = now - window;
    const keys = await sentKeys(store, delivery.workspaceId, delivery.customerId, channel, since);
    const sent = new Set([...keys, ...recent.keysSince(subjectOf(delivery), since)]).size;
    if (sent >= rules.cap.max) {
      return {
        type: "skip",
        code: "frequency_capped",
        reason: `frequency cap: ${sent} ${channel} sent in the last ${formatDuration(window)}, at most ${rules.cap.max}`,
      };
    }
  }
  return { type: "send" };
}

/** A policy decision as the outcome of a delivery that was not sent; null for `send`. */
export function decisionOutcome(decision: PolicyDecision): DeliveryOutcome | null {
  switch (decision.type) {
    case "send":
      return null;
    case "skip":
      return { status: "skipped", code: decision.code, reason: decision.reason };
    case "defer":
      return { status: "deferred", code: decision.code, reason: decision.reason, until: decision.until };
  }
}

/**
 * Wraps a channel handler with the workspace's delivery policy. A refused send resolves to a `skipped` outcome (the
 * outbox row ends `skipped` with the reason); a send in quiet hours to a `deferred` one (the row waits until they
 * end, without spending an attempt). Neither is thrown. The journey never waits for either: the engine has moved on
 * when the outbox row was written. The wrapped handler's failures pass through as they were thrown.
 */
export function withDeliveryPolicy(handler: ChannelHandler, options: DeliveryPolicyOptions): ChannelHandler {
  const fallback = options.policy ?? DEFAULT_DELIVERY_POLICY;
  // One decision-and-send at a time per customer and channel in this process, and the sends not yet recorded are
  // counted, so the rows of one batch cannot overshoot a cap together.
  const queues = new Map<string, Promise<unknown>>();
  const recent = new RecentSends();
  return {
    channel: handler.channel,
    deliver(delivery): Promise<DeliveryOutcome> {
      const key = subjectOf(delivery);
      const run = (queues.get(key) ?? Promise.resolve()).then(async (): Promise<DeliveryOutcome> => {
        const policy = withFallback(await loadSavedPolicy(options.store, delivery.workspaceId), fallback);
        const now = options.clock.now();
        const decision = await decideDelivery(options.store, policy, delivery, {
          now,
          recent,
          consent: options.consent,
        });
        const held = decisionOutcome(decision);
        if (held) return held;
        const outcome = toDeliveryOutcome(await handler.deliver(delivery));
        if (outcome.status === "sent") recent.add(key, delivery.key, options.clock.now());
        return outcome;
      });
      const settled = run.catch(() => {});
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
  };
}

function subjectOf(d: Delivery): string {
  return `${d.workspaceId}\u0000${d.customerId}\u0000${d.channel}`;
}
