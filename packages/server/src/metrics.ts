import type { Clock, DispatchOutcome, Store } from "@overture/runtime";
import { OUTBOX_STATUSES } from "@overture/runtime";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What the scrape-time readings come from: the store, and the engine's step count when it runs in this process. */
export type MetricsSource = { store?: Pick<Store, "ops">; clock?: Clock; engine?: { stepsExecuted: number } };

/** Delivery latency buckets, in seconds: from a webhook's tenth of a second to an email held a day by quiet hours. */
const DELIVERY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900, 3_600, 21_600, 86_400];

/**
 * The process's Prometheus metrics (prom-client), on a registry of its own so several apps in one process (tests) never
 * share series. Counters are told by hooks (requests, ingestion, deliveries, worker errors); gauges of the store
 * (outbox rows by status, engine lag) are read from it at scrape time, so every API process reports the same figures.
 */
export class Metrics {
  readonly registry = new Registry();
  private source: MetricsSource = {};
  private stepsSeen = 0;

  readonly httpRequests = new Counter({
    name: "overture_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: "overture_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "overture_http_rate_limited_total",
    help: "Requests refused with 429, by route group and by what was over its limit (key or ip).",
    labelNames: ["scope", "by"] as const,
    registers: [this.registry],
  });
  readonly eventsIngested = new Counter({
    name: "overture_events_ingested_total",
    help: "Events stored (duplicates not counted).",
    registers: [this.registry],
  });
  readonly workerErrors = new Counter({
    name: "overture_worker_errors_total",
    help: "Failed engine passes and dispatcher batches (each is retried), by loop.",
    labelNames: ["loop"] as const,
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: "overture_deliveries_total",
    help: "Outbox rows handled by this process's dispatcher, by channel and outcome.",
    labelNames: ["channel", "status"] as const,
    registers: [this.registry],
  });
  readonly deliveryLatency = new Histogram({
    name: "overture_delivery_latency_seconds",
    help: "From the engine's decision to the row's delivery (sent), by channel.",
    labelNames: ["channel"] as const,
    buckets: DELIVERY_BUCKETS,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    const metrics = this;
    new Counter({
      name: "overture_steps_total",
      help: "Journey steps executed by the engine in this process.",
      registers: [this.registry],
      collect() {
        const steps = metrics.source.engine?.stepsExecuted ?? 0;
        if (steps > metrics.stepsSeen) this.inc(steps - metrics.stepsSeen);
        metrics.stepsSeen = Math.max(metrics.stepsSeen, steps);
      },
    });
    const storeUp = new Gauge({
      name: "overture_store_up",
      help: "1 when the last scrape could read the store, else 0.",
      registers: [this.registry],
    });
    new Gauge({
      name: "overture_outbox_rows",
      help: "Outbox rows by status, read from the store at scrape time.",
      labelNames: ["status"] as const,
      registers: [this.registry],
      async collect() {
        const store = metrics.source.store;
        if (!store) return;
        try {
          const counts = await store.ops.outboxByStatus();
          for (const status of OUTBOX_STATUSES) this.set({ status }, counts[status]);
          storeUp.set(1);
        } catch {
          this.reset();
          storeUp.set(0);
        }
      },
    });
    new Gauge({
      name: "overture_engine_lag_seconds",
      help: "How long the oldest due event or timer has waited for the engine (0 when none is due).",
      registers: [this.registry],
      async collect() {
        const { store, clock } = metrics.source;
        if (!store || !clock) return;
        this.set(((await store.ops.engineLagMs(clock.now()).catch(() => Number.NaN)) as number) / 1_000);
      },
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Where the scrape-time readings come from (createApp calls this with the runtime it serves). */
  watch(source: MetricsSource): void {
    this.source = source;
  }

  /** Counts one dispatcher outcome; a sent row's latency goes into the histogram. */
  observeDelivery(outcome: DispatchOutcome): void {
    this.deliveries.inc({ channel: outcome.channel, status: outcome.status });
    if (outcome.status === "sent")
      this.deliveryLatency.observe({ channel: outcome.channel }, Math.max(0, outcome.latencyMs) / 1_000);
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
