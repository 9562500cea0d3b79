import type { Clock } from "../clock/clock.ts";
import { DeferredError, PermanentError, SkippedError, TransientError } from "../errors.ts";
import { deliveryRollups, isBounceCode } from "../reports/delivery-rollups.ts";
import { deliveryReasonOf } from "../store/delivery-outcomes.ts";
import type { ClaimChannels, OutboxResult, OutboxRow, Store } from "../store/store.ts";
import { type ChannelHandler, type Delivery, type DeliveryOutcome, toDeliveryOutcome } from "./channel.ts";
import {
  type AttemptVerdict,
  type BreakerOptions,
  CircuitBreakers,
  type CircuitState,
  DEFAULT_BREAKER,
} from "./circuit-breaker.ts";
import { DISPATCHER_FALLBACK_POLL_MS, OutboxWakeUp } from "./outbox-wake.ts";
import { nextRetry, type RetryPolicies, type RetryPolicy, retryPolicyFor } from "./retry-policy.ts";
import { SendGate, type SendLimits } from "./send-limits.ts";

export type DispatcherOptions = {
  batchSize?: number;
  /**
   * Batches claimed and delivered at once by each round (default: the store's concurrentBatches, 1 on SQLite). More
   * than one pays when the database works apart from the process (PostgreSQL): one batch's sends run while another's
   * claim and results travel. Claims never overlap (leases, SKIP LOCKED).
   */
  concurrentBatches?: number;
  /**
   * True: the background loop (start) claims each registered channel's rows in a lane of its own, plus one lane for
   * every other channel, so a notification is not queued behind a backlog of emails. Default false (one lane for all,
   * as runOnce does): measured in session 9, lanes took the live notifications' p99 at 500 events/s from 12.4 s to
   * 0.43 s on SQLite, but cost email throughput (many small claims and commits of the fast lanes); see
   * docs/benchmarks.md, "Latency: event to email".
   */
  channelLanes?: boolean;
  /** How long a claimed row is ours; after that another dispatcher may take it (we crashed). */
  leaseMs?: number;
  /** Claims after an expired lease before a row is quarantined (default 3): a delivery that kills us must not loop. */
  maxCrashes?: number;
  /** Retry policies per channel (`"*"`: every channel); see DEFAULT_RETRY_POLICIES for the defaults. */
  retry?: RetryPolicies;
  /**
   * Sends in flight at once per channel and per endpoint (`"*"`: every channel), e.g. `{ webhook: { endpoint: 8 } }`.
   * Unset: every row of a batch is sent at once, as before.
   */
  sendLimits?: SendLimits;
  /** The circuit breakers' settings, or false for none. */
  circuitBreaker?: Partial<BreakerOptions> | false;
  /** [0, 1), Math.random by default: the retry jitter (tests pass a fixed one). */
  random?: () => number;
  onError?: (error: unknown) => void;
  /** Told of every row's outcome once its batch's results are written (metrics, logs). */
  onOutcome?: (outcome: DispatchOutcome) => void;
};

/**
 * What became of one claimed outbox row; `latencyMs` runs from the row's creation (the engine's decision) to now.
 * `endpoint` is the endpoint the row's channel named (its circuit), when it named one.
 */
export type DispatchOutcome = {
  channel: string;
  status: OutboxResult["status"];
  attempts: number;
  latencyMs: number;
  error: string | null;
  endpoint?: string;
};

/** The endpoint of a channel that names none: the whole channel is one circuit. */
const WHOLE_CHANNEL = "*";

/** Hands outbox rows to channel handlers, with retries, backoff and a dead-letter state. */
export class Dispatcher {
  private loop: { stopping: AbortController; done: Promise<void> } | null = null;
  private readonly wakeUp: OutboxWakeUp;
  private readonly handlers: Map<string, ChannelHandler>;
  private readonly wrappers: Array<(handler: ChannelHandler) => ChannelHandler> = [];
  /** Each channel's own endpointOf, kept apart: wrappers (the delivery policy) need not pass it on. */
  private readonly endpointNamers = new Map<string, (delivery: Delivery) => string | undefined>();
  private readonly breakers: CircuitBreakers | null;
  private readonly random: () => number;
  private readonly gate: SendGate;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    handlers: ChannelHandler[],
    private readonly options: DispatcherOptions = {},
  ) {
    this.handlers = new Map(handlers.map((h) => [h.channel, h]));
    for (const h of handlers) this.nameEndpoints(h);
    const breaker = options.circuitBreaker;
    this.breakers = breaker === false ? null : new CircuitBreakers({ ...DEFAULT_BREAKER, ...breaker });
    this.random = options.random ?? Math.random;
    this.gate = new SendGate(options.sendLimits);
    this.wakeUp = new OutboxWakeUp(store, options.onError);
  }

  private nameEndpoints(handler: ChannelHandler): void {
    const endpointOf = handler.endpointOf;
    if (endpointOf) this.endpointNamers.set(handler.channel, (d) => endpointOf.call(handler, d));
    else this.endpointNamers.delete(handler.channel);
  }

  /** Replaces or adds a channel handler (channels plug in at start-up); the wrappers given so far wrap it. */
  register(handler: ChannelHandler): void {
    this.nameEndpoints(handler);
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

  /** Delivers one round of due rows (`concurrentBatches` batches at once); returns how many were handled. */
  runOnce(): Promise<number> {
    return this.runRound(EVERY_CHANNEL);
  }

  /** One round of a lane: `concurrentBatches` batches of its channels' due rows at once; returns how many. */
  private async runRound(lane: ClaimChannels): Promise<number> {
    const batches = Math.max(1, this.options.concurrentBatches ?? this.store.concurrentBatches ?? 1);
    if (batches === 1) return this.runBatch(lane);
    const counts = await Promise.all(Array.from({ length: batches }, () => this.runBatch(lane)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Claims one batch of the lane's due rows, delivers them and records how each ended; returns how many. */
  private async runBatch(lane: ClaimChannels): Promise<number> {
    const now = this.clock.now();
    const rows = await this.store.claimOutbox(now, this.options.batchSize ?? 200, this.options.leaseMs ?? 60_000, {
      maxCrashes: this.options.maxCrashes,
      ...(lane === EVERY_CHANNEL ? {} : { channels: lane }),
    });
    const attempts = rows.map((row) => this.attempt(row, now));
    const results = await Promise.all(attempts.map((a) => a.result));
    if (results.length > 0) await this.store.completeOutbox(results, deliveryRollups(rows, results, this.clock.now()));
    const observe = this.options.onOutcome;
    if (observe) {
      const done = this.clock.now();
      results.forEach((result, i) => {
        const row = rows[i] as OutboxRow;
        const error = "error" in result ? result.error : "reason" in result ? result.reason : null;
        const endpoint = attempts[i]?.endpoint;
        observe({
          channel: row.channel,
          status: result.status,
          attempts: row.attempts,
          latencyMs: done - row.createdAt,
          error,
          ...(endpoint ? { endpoint } : {}),
        });
      });
    }
    return results.length;
  }

  /** The circuits with something to say, of one workspace's rows or of all; this process's only. */
  circuits(workspaceId?: string): CircuitState[] {
    return this.breakers?.list(workspaceId) ?? [];
  }

  /** One row: admitted by its circuit (synchronously, so one probe per batch), then handed to its channel. */
  private attempt(row: OutboxRow, now: number): { endpoint: string | undefined; result: Promise<OutboxResult> } {
    const handler = this.handlers.get(row.channel);
    if (!handler)
      return {
        endpoint: undefined,
        result: Promise.resolve({
          seq: row.seq,
          status: "dead",
          at: now,
          error: `no handler for channel '${row.channel}'`,
        }),
      };
    const policy = retryPolicyFor(row.channel, this.options.retry);
    const exhausted = exhaustedAtClaim(row, policy, now);
    if (exhausted)
      return {
        endpoint: undefined,
        result: Promise.resolve({ seq: row.seq, status: "dead", at: now, error: exhausted }),
      };
    const delivery: Delivery = { ...row, attempt: row.attempts };
    const endpoint = this.endpointOf(row.channel, delivery);
    const admission = this.breakers?.admit(row.channel, endpoint, row.workspaceId, now) ?? { type: "go" };
    if (admission.type === "wait") {
      // Not an attempt, and the wait does not count against the row's retry window either.
      const wait: OutboxResult = {
        seq: row.seq,
        status: "deferred",
        nextAttemptAt: admission.until,
        reason: admission.reason,
        holdWindowMs: admission.until - now,
      };
      return { endpoint, result: Promise.resolve(wait) };
    }
    const result = this.gate.run(row.channel, endpoint, () => this.deliver(handler, delivery, row, policy, endpoint));
    return { endpoint, result };
  }

  private async deliver(
    handler: ChannelHandler,
    delivery: Delivery,
    row: OutboxRow,
    policy: RetryPolicy,
    endpoint: string,
  ): Promise<OutboxResult> {
    const verdict = (v: AttemptVerdict, error?: string) =>
      this.breakers?.record(row.channel, endpoint, row.workspaceId, v, this.clock.now(), error);
    let outcome: DeliveryOutcome;
    try {
      outcome = toDeliveryOutcome(await handler.deliver(delivery));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The thrown forms of skipped and deferred, kept for one release (handlers now return them).
      if (error instanceof DeferredError)
        outcome = { status: "deferred", code: error.code, reason: message, until: error.untilMs };
      else if (error instanceof SkippedError) outcome = { status: "skipped", code: error.code, reason: message };
      else return this.failed(error, message, row, policy, verdict);
    }
    return this.record(outcome, row, verdict);
  }

  /**
   * The row's result for an outcome. Skipped and deferred are not failures: they leave the circuit as it was, a
   * deferred row waits without spending an attempt, a skipped one ends.
   */
  private record(
    outcome: DeliveryOutcome,
    row: OutboxRow,
    verdict: (v: AttemptVerdict, error?: string) => void,
  ): OutboxResult {
    switch (outcome.status) {
      case "sent":
        verdict("success");
        return { seq: row.seq, status: "sent", at: this.clock.now(), detail: outcome.detail ?? null };
      case "deferred":
        verdict("neutral");
        return { seq: row.seq, status: "deferred", nextAttemptAt: outcome.until, reason: reasonWithCode(outcome) };
      case "skipped":
        verdict("neutral");
        return { seq: row.seq, status: "skipped", at: this.clock.now(), reason: reasonWithCode(outcome) };
    }
  }

  /** A thrown failure: dead at once (PermanentError), or retried with backoff until the channel's policy gives up. */
  private failed(
    error: unknown,
    message: string,
    row: OutboxRow,
    policy: RetryPolicy,
    verdict: (v: AttemptVerdict, error?: string) => void,
  ): OutboxResult {
    if (error instanceof PermanentError) {
      verdict("neutral");
      const bounced = isBounceCode(error.code) ? { bounced: true } : {};
      return { seq: row.seq, status: "dead", at: this.clock.now(), error: message, ...bounced };
    }
    verdict("failure", message);
    const now = this.clock.now();
    const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
    const next = nextRetry(
      { attempts: row.attempts, firstAttemptAt: row.firstAttemptAt, now, retryAfterMs },
      policy,
      this.random,
    );
    if (next.type === "give-up") return { seq: row.seq, status: "dead", at: now, error: `${message} (${next.reason})` };
    return { seq: row.seq, status: "pending", nextAttemptAt: next.at, error: message };
  }

  /** The endpoint the channel names for a delivery; a channel that names none, or fails to, is one circuit. */
  private endpointOf(channel: string, delivery: Delivery): string {
    const name = this.endpointNamers.get(channel);
    try {
      return name?.(delivery) || WHOLE_CHANNEL;
    } catch {
      return WHOLE_CHANNEL;
    }
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

  /**
   * Waits until rows may be due: the engine committed some (in this process, or on PostgreSQL in any: see
   * OutboxWakeUp), the earliest pending row's next attempt came, or `fallbackMs` passed; `abort` ends it early.
   */
  waitForWork(fallbackMs: number, abort?: AbortSignal): Promise<"rung" | "timeout" | "aborted"> {
    return this.wakeUp.waitForWork(fallbackMs, this.clock.now(), abort);
  }

  /**
   * Delivers in the background: back-to-back while rows come, then asleep until woken (see waitForWork);
   * `intervalMs` is the fallback poll.
   */
  start(options: { intervalMs?: number } = {}): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.loop = {
      stopping,
      done: this.deliverUntil(options.intervalMs ?? DISPATCHER_FALLBACK_POLL_MS, stopping.signal),
    };
  }

  private async deliverUntil(fallbackMs: number, stop: AbortSignal): Promise<void> {
    // Subscribed, and every lane known, before the first pass, so no commit falls between a pass and its wait.
    await this.wakeUp.start();
    const lanes = this.options.channelLanes === true ? this.channelLanes() : [EVERY_CHANNEL];
    for (const lane of lanes) this.wakeUp.lane(laneKey(lane));
    await Promise.all(lanes.map((lane) => this.deliverLane(lane, fallbackMs, stop)));
  }

  /** The lanes: one per registered channel, and one for the rest (a channel registered later, rows without a handler). */
  private channelLanes(): ClaimChannels[] {
    const own = [...this.handlers.keys()];
    return [...own.map((channel) => ({ only: [channel] })), { except: own }];
  }

  /** One lane's loop: rounds back-to-back while its rows come, then asleep until woken. */
  private async deliverLane(lane: ClaimChannels, fallbackMs: number, stop: AbortSignal): Promise<void> {
    const key = laneKey(lane);
    while (!stop.aborted) {
      let handled = 0;
      try {
        handled = await this.runRound(lane);
      } catch (error) {
        this.options.onError?.(error);
        // Not woken early: the next commit would only fail the same way.
        await pause(Math.min(fallbackMs, ERROR_PAUSE_MS), stop);
        continue;
      }
      if (handled === 0) await this.wakeUp.waitForWork(fallbackMs, this.clock.now(), stop, key);
    }
  }

  /** Stops the background loop once the batch in hand is written, and stops listening for wake-ups. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = null;
    loop?.stopping.abort();
    await loop?.done;
    await this.wakeUp.stop();
  }
}

/** A lane of every channel: what runOnce claims. */
const EVERY_CHANNEL: ClaimChannels = { except: [] };

/** A lane's name for its wake-ups. */
function laneKey(lane: ClaimChannels): string {
  return "only" in lane ? `only:${lane.only.join(",")}` : `except:${lane.except.join(",")}`;
}

/** How long the loop waits after a failed pass (the database went away). */
const ERROR_PAUSE_MS = 1_000;

/** Resolves after `ms`, or at once when `stop` fires. */
function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener("abort", done);
  });
}

/**
 * The reason a held or skipped row records: the outcome's reason, led by its code unless the figures already read
 * that code from it (`no consent: …` is `no_consent`, `sms_opted_out: …` is itself), so a step's figures count it
 * under its code. The policy's reasons are recorded as they are.
 */
function reasonWithCode(outcome: { code: string; reason: string }): string {
  return deliveryReasonOf(outcome.reason) === outcome.code ? outcome.reason : `${outcome.code}: ${outcome.reason}`;
}

/**
 * Why a row is given up before it is attempted, or null: past its attempt ceiling, or back from an expired lease
 * (its last attempt crashed or hung) after its retry window closed.
 */
function exhaustedAtClaim(row: OutboxRow, policy: RetryPolicy, now: number): string | null {
  if (policy.maxAttempts !== undefined && row.attempts > policy.maxAttempts)
    return `gave up: attempt ${row.attempts} is over the limit of ${policy.maxAttempts}`;
  if (row.crashes > 0 && row.firstAttemptAt !== null && now > row.firstAttemptAt + policy.horizonMs)
    return `delivery crashed or hung ${row.crashes} times; quarantined (its retry window had closed)`;
  return null;
}
