import pLimit, { type LimitFunction } from "p-limit";

/**
 * How many sends may be in flight at once: over the whole channel, and to any one of its endpoints (an SMTP host, a
 * webhook endpoint: what the channel's `endpointOf` names; one that names none is one endpoint). Absent: no limit
 * beyond the dispatcher's batch.
 */
export type SendLimit = { channel?: number; endpoint?: number };

/** Limits per channel; `"*"` applies to every channel, and a channel's own entry overrides it field by field. */
export type SendLimits = Record<string, SendLimit>;

/**
 * Holds each send until its channel and its endpoint have room. The endpoint's turn is waited for first: a send
 * waiting for a busy endpoint then holds no channel slot, so one slow endpoint cannot stall the channel's others.
 */
export class SendGate {
  private readonly channels = new Map<string, LimitFunction>();
  private readonly endpoints = new Map<string, LimitFunction>();

  constructor(private readonly limits: SendLimits = {}) {
    for (const [channel, limit] of Object.entries(limits))
      for (const [kind, n] of Object.entries(limit))
        if (n !== undefined && !(Number.isInteger(n) && n >= 1))
          throw new RangeError(`the ${kind} send limit of '${channel}' must be a whole number of at least 1, got ${n}`);
  }

  /** Runs `send` once the channel and the endpoint have room; at once when neither is limited. */
  run<T>(channel: string, endpoint: string, send: () => Promise<T>): Promise<T> {
    const { channel: perChannel, endpoint: perEndpoint } = this.limitOf(channel);
    const inChannel = perChannel === undefined ? send : () => this.limiter(this.channels, channel, perChannel)(send);
    if (perEndpoint === undefined) return inChannel();
    const key = `${channel}\u0000${endpoint}`;
    const limiter = this.limiter(this.endpoints, key, perEndpoint);
    return limiter(inChannel).finally(() => {
      // Endpoints come and go (webhook endpoints, workspaces): forget an idle one.
      if (limiter.activeCount === 0 && limiter.pendingCount === 0 && this.endpoints.get(key) === limiter)
        this.endpoints.delete(key);
    });
  }

  private limitOf(channel: string): SendLimit {
    return { ...this.limits["*"], ...this.limits[channel] };
  }

  private limiter(map: Map<string, LimitFunction>, key: string, concurrency: number): LimitFunction {
    let limiter = map.get(key);
    if (!limiter) {
      limiter = pLimit(concurrency);
      map.set(key, limiter);
    }
    return limiter;
  }
}
