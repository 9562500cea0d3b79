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
 * The contract every channel implements. Return normally when delivered (with a detail to record); throw
 * TransientError to retry with backoff (its retryAfterMs honoured up to the channel's cap), PermanentError to
 * dead-letter at once. Other errors are retried.
 */
export type ChannelHandler = {
  channel: string;
  deliver(delivery: Delivery): Promise<Json | undefined>;
  /**
   * The endpoint a delivery goes to (an SMTP host, a webhook endpoint), so that one failing endpoint opens its own
   * circuit and pauses only its rows. Without it the whole channel is one circuit. No secrets: ops see it.
   */
  endpointOf?(delivery: Delivery): string | undefined;
};
