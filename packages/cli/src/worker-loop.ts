import type { Dispatcher, Engine } from "@overture/runtime";

/** What a worker has done since it started: the heartbeat prints these. */
export type WorkerStats = {
  passes: number;
  steps: number;
  events: number;
  timers: number;
  outbox: number;
  errors: number;
};

/** Options of {@link WorkerLoop}. */
export type WorkerLoopOptions = {
  /** How long a loop waits when it found nothing to do. */
  pollMs: number;
  /**
   * The dispatcher's fallback poll when it can be woken (a dispatcher with waitForWork: the engine's commits wake
   * it, here and in other processes); pollMs by default.
   */
  dispatcherPollMs?: number;
  /** A failed pass (the database went away, a bug): reported, then retried after pollMs. */
  onError?: (error: unknown, loop: "engine" | "dispatcher") => void;
};

/**
 * The two loops of `overture worker`: engine passes (events, due timers, one transaction per batch of partitions)
 * and outbox deliveries, each back-to-back while there is work and every pollMs when idle. Unlike Engine.start it
 * keeps the figures of each pass, and {@link stop} lets the pass in hand finish rather than cut it off.
 */
export class WorkerLoop {
  readonly stats: WorkerStats = { passes: 0, steps: 0, events: 0, timers: 0, outbox: 0, errors: 0 };
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private readonly stopped = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly engine: Pick<Engine, "runOnce">,
    private readonly dispatcher: Pick<Dispatcher, "runOnce"> & Partial<Pick<Dispatcher, "waitForWork">>,
    private readonly options: WorkerLoopOptions,
  ) {}

  /** Starts both loops. */
  start(): void {
    if (this.loops.length > 0) return;
    this.loops = [
      this.loop("engine", async () => {
        const pass = await this.engine.runOnce();
        this.stats.passes++;
        this.stats.steps += pass.steps;
        this.stats.events += pass.events;
        this.stats.timers += pass.timers;
        return pass.more || pass.events + pass.timers > 0;
      }),
      this.loop("dispatcher", async () => {
        const handled = await this.dispatcher.runOnce();
        this.stats.outbox += handled;
        return handled > 0;
      }),
    ];
  }

  /** Takes no more work: resolves once the pass and the delivery batch in hand have committed. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
  }

  private async loop(name: "engine" | "dispatcher", once: () => Promise<boolean>): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      try {
        busy = await once();
      } catch (error) {
        this.stats.errors++;
        this.options.onError?.(error, name);
      }
      if (busy || this.stopping) continue;
      const waitForWork = this.dispatcher.waitForWork;
      if (name === "dispatcher" && waitForWork)
        await waitForWork
          .call(this.dispatcher, this.options.dispatcherPollMs ?? this.options.pollMs, this.stopped.signal)
          .catch(() => this.pause());
      else await this.pause();
    }
  }

  /** Waits pollMs, or less when stop() is called meanwhile. */
  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      this.sleepers.add(done);
    });
  }
}
