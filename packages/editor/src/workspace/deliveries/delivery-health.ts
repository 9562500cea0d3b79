import { channelSteps } from "@overture/channels/browser";
import type { OutboxEntry } from "../../api/delivery-api.ts";

/** One channel's recent deliveries: how many went out, failed for good, were skipped, or are still on their way. */
export type ChannelHealth = {
  channel: string;
  sent: number;
  dead: number;
  skipped: number;
  waiting: number;
  total: number;
};

/** Per channel, over the rows given (the most recent ones), in a fixed order; channels with no rows are left out. */
export function channelHealth(entries: readonly OutboxEntry[]): ChannelHealth[] {
  const by = new Map<string, ChannelHealth>();
  for (const e of entries) {
    const h = by.get(e.channel) ?? { channel: e.channel, sent: 0, dead: 0, skipped: 0, waiting: 0, total: 0 };
    h.total++;
    if (e.status === "sent") h.sent++;
    else if (e.status === "dead") h.dead++;
    else if (e.status === "skipped") h.skipped++;
    else h.waiting++;
    by.set(e.channel, h);
  }
  // The registry's order (email, notification, slot, webhook, SMS, push…), then any other channel by name.
  const order = channelSteps().map((c) => c.spec.channel);
  return [...by.values()].sort(
    (a, b) => rank(order, a.channel) - rank(order, b.channel) || a.channel.localeCompare(b.channel),
  );
}

const rank = (order: string[], channel: string) => (order.includes(channel) ? order.indexOf(channel) : order.length);

/** Per webhook endpoint (the step's `endpoint`, or a URL's host), the same counts: which receiver is failing. */
export function endpointHealth(entries: readonly OutboxEntry[]): ChannelHealth[] {
  const webhooks = entries
    .filter((e) => e.channel === "webhook")
    .map((e) => ({ ...e, channel: endpointOf(e.payload) }));
  return channelHealth(webhooks);
}

/** Where a webhook delivery goes: its endpoint's name, or the host of its URL. */
export function endpointOf(payload: Record<string, unknown>): string {
  const target = payload.endpoint;
  if (typeof target !== "string") return "webhook";
  try {
    return /^https?:\/\//.test(target) ? new URL(target).host : target;
  } catch {
    return target;
  }
}

/** The reasons among the rows, most frequent first: the reason filter's options. */
export function reasonsOf(entries: readonly OutboxEntry[]): Array<{ reason: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.reason) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
