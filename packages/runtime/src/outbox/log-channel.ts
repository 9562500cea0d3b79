import type { ChannelHandler } from "./channel.ts";

/** A channel that delivers by writing one line per action; the delivery fact is recorded by the dispatcher. */
export function logChannel(channel: string, write: (line: string) => void = () => {}): ChannelHandler {
  return {
    channel,
    async deliver(d) {
      write(`${channel} → ${d.customerId} (${d.journeyId} v${d.version} ${d.stepId}) ${d.key}`);
      return { logged: true };
    },
  };
}
