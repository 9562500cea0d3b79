import type { Clock } from "../clock/clock.ts";
import { DeferredError, PermanentError, SkippedError, TransientError } from "../errors.ts";
import type { OutboxResult, OutboxRow, Store } from "../store/store.ts";
import type { ChannelHandler } from "./channel.ts";

export type DispatcherOptions = {
  batchSize?: number;
  /** How long a claimed row is ours; after that another dispatcher may take it (we crashed). */
  leaseMs?: number;
  maxAttempts?: number;
  /** Backoff before retry n (1-based): base · 2^(n-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onError?: (error: unknown) => void;
  /** Told of every row's outcome once its batch's results are written (metrics, logs). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
};

/** What became of one claimed outbox row; `latencyMs` runs from the row's creation (the engine's decision) to now. */
export type DeliveryOutcome = { channel: string; status: OutboxResult["status"]; attempts: number; latencyMs: number; error: string | null };

/** The delay before the next attempt after `attempts` failures: exponential, capped, honouring retry-after. */
export function backoffMs(attempts: number, options: { backoffBaseMs?: number; backoffMaxMs?: number } = {}, retryAfterMs?: number): number {
  const base = options.backoffBaseMs ?? 1_000;
  const max = options.backoffMaxMs ?? 3_600_000;
  return Math.max(retryAfterMs ?? 0, Math.min(max, base * 2 ** Math.max(0, attempts - 1)));
}

/** Hands outbox rows to channel handlers, with retries, backoff and a dead-letter state. */
export class Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly handlers: Map<string, ChannelHandler>;
  private readonly wrappers: Array<(handler: ChannelHandler) => ChannelHandler> = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    handlers: ChannelHandler[],
    private readonly options: DispatcherOptions = {},
  ) {
    this.handlers = new Map(handlers.map((h) => [h.channel, h]));
  }

  /** Replaces or adds a channel handler (channels plug in at start-up); the wrappers given so far wrap it. */
  register(handler: ChannelHandler): void {
    this.handlers.set(
      handler.channel,
      this.wrappers.reduce((h, wrap) => wrap(h), handler),
    );
  }

  /**
   * Wraps every channel handler, those registered already and those registered later (the delivery policy wraps
   * them all this way, whatever order the channels plug in).
   */
  wrapHandlers(wrap: (handler: ChannelHandler) => ChannelHandler): void {
    this.wrappers.push(wrap);
    for (const [channel, handler] of this.handlers) this.handlers.set(channel, wrap(handler));
  }

  /** Delivers one batch of due rows; returns how many were handled. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.store.claimOutbox(now, this.options.batchSize ?? 200, this.options.leaseMs ?? 60_000);
    const maxAttempts = this.options.maxAttempts ?? 8;
    const results = await Promise.all(
      rows.map(async (row): Promise<OutboxResult> => {
        const handler = this.handlers.get(row.channel);
        if (!handler) return { seq: row.seq, status: "dead", at: now, error: `no handler for channel '${row.channel}'` };
        try {
          const detail = await handler.deliver({ ...row, attempt: row.attempts });
          return { seq: row.seq, status: "sent", at: this.clock.now(), detail: detail ?? null };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // Policy outcomes are not failures: a deferred send waits without spending an attempt, a skipped one ends.
          if (error instanceof DeferredError) return { seq: row.seq, status: "deferred", nextAttemptAt: error.untilMs, reason: message };
          if (error instanceof SkippedError) return { seq: row.seq, status: "skipped", at: this.clock.now(), reason: message };
          if (error instanceof PermanentError || row.attempts >= maxAttempts) return { seq: row.seq, status: "dead", at: this.clock.now(), error: message };
          const retryAfter = error instanceof TransientError ? error.retryAfterMs : undefined;
          return { seq: row.seq, status: "pending", nextAttemptAt: this.clock.now() + backoffMs(row.attempts, this.options, retryAfter), error: message };
        }
      }),
    );
    if (results.length > 0) await this.store.completeOutbox(results);
    const observe = this.options.onOutcome;
    if (observe) {
      const done = this.clock.now();
      results.forEach((result, i) => {
        const row = rows[i] as OutboxRow;
        const error = "error" in result ? result.error : "reason" in result ? result.reason : null;
        observe({ channel: row.channel, status: result.status, attempts: row.attempts, latencyMs: done - row.createdAt, error });
      });
    }
    return results.length;
  }

  /** Delivers until nothing is due now. */
  async runUntilIdle(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  start(options: { intervalMs?: number } = {}): void {
    if (this.timer) return;
    const interval = options.intervalMs ?? 200;
    const tick = () => {
      this.running = this.runOnce().then(
        (n) => {
          if (this.timer) this.timer = setTimeout(tick, n > 0 ? 0 : interval);
        },
        (error) => {
          this.options.onError?.(error);
          if (this.timer) this.timer = setTimeout(tick, interval);
        },
      );
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = null;
    if (t) clearTimeout(t);
    await this.running;
  }
}
