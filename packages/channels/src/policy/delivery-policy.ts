import { durationMs, formatDuration } from "@overture/core";
import {
  type ChannelHandler,
  type Clock,
  DeferredError,
  type Delivery,
  SkippedError,
  type Store,
} from "@overture/runtime";
import { RecentSends, sentKeys } from "./frequency-cap.ts";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy, getDeliveryPolicy } from "./policy-settings.ts";
import { customerTimeZone, quietHoursEnd } from "./quiet-hours.ts";

/** Options of {@link withDeliveryPolicy}. */
export type DeliveryPolicyOptions = {
  store: Store;
  clock: Clock;
  /** The policy of workspaces that have not saved one (default {@link DEFAULT_DELIVERY_POLICY}). */
  policy?: DeliveryPolicy;
};

/** The verdict for one delivery: send it, skip it with a reason, or wait until an instant. */
export type PolicyDecision =
  | { type: "send" }
  | { type: "skip"; code: "no_consent" | "frequency_capped"; reason: string }
  | { type: "defer"; code: "quiet_hours"; reason: string; until: number };

/** True when the customer withdrew consent for the channel: `consent: { email: false }` or `"consent.email": false`. */
export function hasWithdrawnConsent(attributes: Record<string, unknown>, channel: string): boolean {
  const consent = attributes.consent;
  if (consent !== null && typeof consent === "object" && (consent as Record<string, unknown>)[channel] === false)
    return true;
  return attributes[`consent.${channel}`] === false;
}

/** True when the customer opted in to the channel: `consent: { email: true }` or `"consent.email": true`. */
export function hasGivenConsent(attributes: Record<string, unknown>, channel: string): boolean {
  const consent = attributes.consent;
  if (consent !== null && typeof consent === "object" && (consent as Record<string, unknown>)[channel] === true)
    return true;
  return attributes[`consent.${channel}`] === true;
}

/**
 * Decides one delivery: consent first (a refusal is final), then quiet hours (wait; the cap is judged when the wait is
 * over), then the frequency cap (counted from sent deliveries in the window ending now).
 */
export async function decideDelivery(
  store: Store,
  policy: DeliveryPolicy,
  delivery: Delivery,
  now: number,
  recent: RecentSends = new RecentSends(),
): Promise<PolicyDecision> {
  const customer = await store.getCustomer(delivery.workspaceId, delivery.customerId);
  const attributes = customer?.attributes ?? {};
  const channel = delivery.channel;
  if (hasWithdrawnConsent(attributes, channel)) {
    return { type: "skip", code: "no_consent", reason: `no consent: the customer's consent.${channel} is false` };
  }
  const rules = policy.channels[channel] ?? {};
  if (rules.optIn && !hasGivenConsent(attributes, channel)) {
    return {
      type: "skip",
      code: "no_consent",
      reason: `no consent: ${channel} needs opt-in and the customer's consent.${channel} is not true`,
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

/**
 * Wraps a channel handler with the workspace's delivery policy. A refused send throws SkippedError (the outbox row
 * ends `skipped` with the reason); a send in quiet hours throws DeferredError (the row waits until they end, without
 * spending an attempt). The journey never waits for either: the engine has moved on when the outbox row was written.
 */
export function withDeliveryPolicy(handler: ChannelHandler, options: DeliveryPolicyOptions): ChannelHandler {
  const fallback = options.policy ?? DEFAULT_DELIVERY_POLICY;
  // One decision-and-send at a time per customer and channel in this process, and the sends not yet recorded are
  // counted, so the rows of one batch cannot overshoot a cap together.
  const queues = new Map<string, Promise<unknown>>();
  const recent = new RecentSends();
  return {
    channel: handler.channel,
    deliver(delivery) {
      const key = subjectOf(delivery);
      const run = (queues.get(key) ?? Promise.resolve()).then(async () => {
        const policy = await getDeliveryPolicy(options.store, delivery.workspaceId, fallback);
        const decision = await decideDelivery(options.store, policy, delivery, options.clock.now(), recent);
        if (decision.type === "skip") throw new SkippedError(decision.code, decision.reason);
        if (decision.type === "defer") throw new DeferredError(decision.code, decision.reason, decision.until);
        const detail = await handler.deliver(delivery);
        recent.add(key, delivery.key, options.clock.now());
        return detail;
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
