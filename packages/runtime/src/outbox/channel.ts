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
 * TransientError to retry with backoff, PermanentError to dead-letter at once. Other errors are retried.
 */
export type ChannelHandler = {
  channel: string;
  deliver(delivery: Delivery): Promise<Json | undefined>;
};
