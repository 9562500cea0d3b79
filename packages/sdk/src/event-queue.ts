import { OvertureError } from "./errors.ts";
import type { WireEvent } from "./types.ts";

/** An event as the SDK sends it: the id is made on the client, so a resend is stored once. */
export type QueuedEvent = Required<Pick<WireEvent, "id" | "name" | "customerId">> &
  Pick<WireEvent, "properties" | "attributes"> & { timestamp: number };

/** How the queue sends: per event, null when stored (or a duplicate) or the error it was refused with. */
export type SendBatch = (events: QueuedEvent[]) => Promise<Array<OvertureError | null>>;

/** Options of {@link EventQueue}. */
export type EventQueueOptions = {
  send: SendBatch;
  /** Sends what is left when the page goes away; false when it could not. */
  beacon?: (events: QueuedEvent[]) => boolean;
  /** Most events one request carries (default 20). */
  maxBatch?: number;
  /** How long an event waits for others before the batch leaves, in ms (default 250). */
  delayMs?: number;
  /** Sends after a network error or a busy server, before giving up (default 3). */
  retries?: number;
  /** Waits before a retry, growing with each attempt (default 500 ms × 2^attempt). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

type Pending = { event: QueuedEvent; resolve: () => void; reject: (error: OvertureError) => void };

/**
 * A small outgoing queue: events wait a moment to leave together, retries keep their ids (the server keeps one
 * copy), and whatever is still waiting when the page is hidden goes out with `sendBeacon`.
 */
export class EventQueue {
  private waiting: Pending[] = [];
  private timer: unknown = null;
  private readonly options: Required<Omit<EventQueueOptions, "beacon">> & Pick<EventQueueOptions, "beacon">;

  constructor(options: EventQueueOptions) {
    this.options = {
      maxBatch: 20,
      delayMs: 250,
      retries: 3,
      backoffMs: (attempt) => 500 * 2 ** attempt,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      // An option given as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as EventQueueOptions),
    };
  }

  /** Events not yet handed to the server. */
  get size(): number {
    return this.waiting.length;
  }

  /** Queues one event; resolves once the server has stored it, rejects with the reason it was refused. */
  push(event: QueuedEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) void this.flush();
      else if (this.timer === null) this.timer = this.options.setTimer(() => void this.flush(), this.options.delayMs);
    });
  }

  /** Sends everything waiting now, in batches; resolves when each has been stored or refused. */
  async flush(): Promise<void> {
    this.cancelTimer();
    const batches: Pending[][] = [];
    while (this.waiting.length > 0) batches.push(this.waiting.splice(0, this.options.maxBatch));
    await Promise.all(batches.map((batch) => this.sendWithRetries(batch)));
  }

  /** Hands everything waiting to the beacon (the page is going away); what it refuses stays queued. */
  flushWithBeacon(): void {
    if (!this.options.beacon || this.waiting.length === 0) return;
    this.cancelTimer();
    const batch = this.waiting.splice(0, this.waiting.length);
    if (this.options.beacon(batch.map((p) => p.event))) for (const p of batch) p.resolve();
    else this.waiting.unshift(...batch);
  }

  private async sendWithRetries(batch: Pending[]): Promise<void> {
    let left = batch;
    for (let attempt = 0; left.length > 0; attempt++) {
      let results: Array<OvertureError | null>;
      try {
        results = await this.options.send(left.map((p) => p.event));
      } catch (error) {
        const failure = error instanceof OvertureError ? error : new OvertureError("network_error", String(error));
        results = left.map(() => failure);
      }
      const again: Pending[] = [];
      left.forEach((pending, index) => {
        const error = results[index] ?? null;
        if (error === null) pending.resolve();
        else if (error.retryable && attempt < this.options.retries) again.push(pending);
        else pending.reject(error);
      });
      left = again;
      if (left.length > 0)
        await new Promise<void>((resolve) => this.options.setTimer(resolve, this.options.backoffMs(attempt)));
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }
}
