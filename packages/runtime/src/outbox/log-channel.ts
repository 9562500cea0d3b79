import type { ChannelHandler, DeliveryOutcome } from "./channel.ts";

/** A channel that delivers by writing one line per action; the delivery fact is recorded by the dispatcher. */
export function logChannel(channel: string, write: (line: string) => void = () => {}): ChannelHandler {
  return {
    channel,
    async deliver(d): Promise<DeliveryOutcome> {
      write(`${channel} → ${d.customerId} (${d.journeyId} v${d.version} ${d.stepId}) ${d.key}`);
      return { status: "sent", detail: { logged: true } };
    },
  };
}
