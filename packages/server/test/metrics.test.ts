import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, createLogger, Metrics, runtimeHooks } from "../src/index.ts";
import { T0, WELCOME_JOURNEY } from "./test-app.ts";

/** The value of one series in an exposition text, or undefined when the series is absent. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Issue 12, "Observability": Prometheus /metrics, wired the way `overture serve` wires it. */
describe("GET /metrics", () => {
  let dataDir: string;
  let overture: Overture;
  let keys: WorkspaceKeys;
  let clock: VirtualClock;
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-metrics-"));
    clock = new VirtualClock(T0);
    const logger = createLogger({ level: "silent" });
    const metrics = new Metrics({ processMetrics: false });
    const hooks = runtimeHooks(logger, metrics);
    overture = await openOverture({
      dataDir,
      clock,
      engine: hooks.engine,
      dispatcher: hooks.dispatcher,
      onIngested: hooks.onIngested,
    });
    keys = await overture.workspaces.ensureDefault();
    app = createApp(overture, { logger, metrics, metricsToken: "scrape-token" });
  });
  afterEach(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const scrape = async (key = keys.secretKey) => {
    const response = await app.request("/metrics", { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it("needs the secret key or the metrics token", async () => {
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: `Bearer ${keys.writeKey}` } })).status).toBe(403);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer scrape-tokeN" } })).status).toBe(401);
    expect(await scrape("scrape-token")).toContain("overture_events_ingested_total");
  });

  it("counts events ingested, steps, outbox rows by status, delivery latency, engine lag and requests", async () => {
    const headers = { authorization: `Bearer ${keys.secretKey}`, "content-type": "application/json" };
    const created = await app.request("/v1/journeys", {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "Welcome", document: WELCOME_JOURNEY }),
    });
    const { id } = (await created.json()) as { id: string };
    expect((await app.request(`/v1/journeys/${id}/publish`, { method: "POST", headers })).status).toBe(201);

    let text = await scrape();
    expect(seriesValue(text, "overture_events_ingested_total")).toBe(0);
    expect(seriesValue(text, 'overture_outbox_rows{status="pending"}')).toBe(0);
    expect(seriesValue(text, "overture_engine_lag_seconds")).toBe(0);

    const sent = await app.request("/v1/events", {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${keys.writeKey}` },
      body: JSON.stringify({ name: "purchase.completed", customerId: "c1" }),
    });
    expect(sent.status).toBe(200);
    clock.advance(30_000);
    text = await scrape();
    expect(seriesValue(text, "overture_events_ingested_total")).toBe(1);
    expect(seriesValue(text, "overture_engine_lag_seconds")).toBe(30);
    expect(seriesValue(text, 'overture_http_requests_total{method="POST",route="/v1/events",status="200"}')).toBe(1);

    await overture.engine.runUntilIdle();
    text = await scrape();
    expect(seriesValue(text, "overture_steps_total")).toBeGreaterThan(0);
    expect(seriesValue(text, "overture_engine_lag_seconds")).toBe(0);
    expect(seriesValue(text, 'overture_outbox_rows{status="pending"}')).toBe(1);

    clock.advance(2_000);
    await overture.dispatcher.runUntilIdle();
    text = await scrape();
    expect(seriesValue(text, 'overture_outbox_rows{status="pending"}')).toBe(0);
    expect(seriesValue(text, 'overture_outbox_rows{status="sent"}')).toBe(1);
    expect(seriesValue(text, 'overture_deliveries_total{channel="email",status="sent"}')).toBe(1);
    expect(seriesValue(text, 'overture_delivery_latency_seconds_count{channel="email"}')).toBe(1);
    expect(seriesValue(text, 'overture_delivery_latency_seconds_bucket{le="5",channel="email"}')).toBe(1);
    expect(seriesValue(text, 'overture_delivery_latency_seconds_bucket{le="1",channel="email"}')).toBe(0);
  });

  it("logs and counts a failed engine pass instead of swallowing it (it used to vanish in serve)", async () => {
    const lines: string[] = [];
    let logged!: () => void;
    const failed = new Promise<void>((resolve) => {
      logged = resolve;
    });
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: {
        write: (line) => {
          lines.push(line);
          if (line.includes("engine pass failed")) logged();
        },
      },
    });
    const metrics = new Metrics({ processMetrics: false });
    const hooks = runtimeHooks(logger, metrics);
    const brokenDir = await mkdtemp(join(tmpdir(), "overture-metrics-"));
    const broken = await openOverture({ dataDir: brokenDir, clock, engine: hooks.engine });
    const brokenApp = createApp(broken, { logger, metrics, metricsToken: "scrape-token" });
    await broken.store.close();
    broken.engine.start({ intervalMs: 10_000 });
    await failed;
    await broken.engine.stop();
    const entry = JSON.parse(lines.find((l) => l.includes("engine pass failed"))!);
    expect(entry).toMatchObject({ level: 50, loop: "engine", err: { message: "The database connection is not open" } });
    expect(entry.err.stack).toContain("at ");
    const text = await (
      await brokenApp.request("/metrics", { headers: { authorization: "Bearer scrape-token" } })
    ).text();
    expect(seriesValue(text, 'overture_worker_errors_total{loop="engine"}')).toBe(1);
    expect(seriesValue(text, "overture_store_up")).toBe(0);
    await rm(brokenDir, { recursive: true, force: true });
  });
});
