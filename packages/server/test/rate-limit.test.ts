import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, createLogger, DEFAULT_RATE_LIMITS, Metrics, type RateLimitOptions } from "../src/index.ts";
import { T0 } from "./test-app.ts";

/** Issue 12, finding 7: no rate limit anywhere. */
describe("rate limits", () => {
  let dataDir: string;
  let overture: Overture;
  let keys: WorkspaceKeys;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-rate-limit-"));
    overture = await openOverture({ dataDir, clock: new VirtualClock(T0) });
    keys = await overture.workspaces.ensureDefault();
  });
  afterEach(async () => {
    await overture.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = (rateLimits: RateLimitOptions, metrics?: Metrics) =>
    createApp(overture, { rateLimits, metrics, logger: createLogger({ level: "silent" }) });
  /** The Node adapter's env: the socket a request came on. */
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
  const event = (key: string) => ({
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "page", customerId: "c1" }),
  });

  it("answers 429 rate_limited with Retry-After once a key is over its limit, and counts it", async () => {
    const metrics = new Metrics({ processMetrics: false });
    const app = open({ limits: { ingest: { perKey: 3 } } }, metrics);
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => app.request("/v1/events", event(keys.writeKey))),
    );
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = statuses[3]!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      error: {
        code: "rate_limited",
        message: "Too many ingest requests from this API key: at most 3 a second. Retry after 1 s.",
        problems: [{ path: "", code: "rate_limited", message: "ingest limit per key: 3/s" }],
      },
    });
    // Another key, and another scope, have budgets of their own.
    const other = await overture.workspaces.create("Other");
    expect((await app.request("/v1/events", event(other.writeKey))).status).toBe(200);
    expect((await app.request("/v1/journeys", { headers: { authorization: `Bearer ${keys.secretKey}` } })).status).toBe(
      200,
    );
    const text = await (
      await app.request("/metrics", { headers: { authorization: `Bearer ${keys.secretKey}` } })
    ).text();
    expect(text).toContain('overture_http_rate_limited_total{scope="ingest",by="key"} 3');
  });

  it("limits each client address, read from X-Forwarded-For only behind trusted proxies", async () => {
    const direct = open({ limits: { manage: { perIp: 2 } } });
    const get = (app: ReturnType<typeof open>, address: string, forwarded?: string) =>
      app.request(
        "/v1/journeys",
        {
          headers: {
            authorization: `Bearer ${keys.secretKey}`,
            ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
          },
        },
        from(address),
      );
    expect([
      (await get(direct, "10.0.0.1", "1.1.1.1")).status,
      (await get(direct, "10.0.0.1", "2.2.2.2")).status,
    ]).toEqual([200, 200]);
    // A forged X-Forwarded-For does not buy a fresh budget when no proxy is trusted.
    expect((await get(direct, "10.0.0.1", "3.3.3.3")).status).toBe(429);
    expect((await get(direct, "10.0.0.2")).status).toBe(200);

    const proxied = open({ limits: { manage: { perIp: 2 } }, trustedProxies: 1 });
    expect((await get(proxied, "10.9.9.9", "forged, 7.7.7.7")).status).toBe(200);
    expect((await get(proxied, "10.9.9.9", "7.7.7.7")).status).toBe(200);
    expect((await get(proxied, "10.9.9.9", "7.7.7.7")).status).toBe(429);
    expect((await get(proxied, "10.9.9.9", "8.8.8.8")).status).toBe(200);
  });

  it("leaves health, metrics and OpenAPI unlimited, and turns off with false", async () => {
    const app = open({ limits: { manage: { perKey: 1, perIp: 1 }, ingest: { perKey: 1, perIp: 1 } } });
    for (let i = 0; i < 5; i++) expect((await app.request("/health/live", {}, from("10.0.0.3"))).status).toBe(200);
    const off = open(false);
    for (let i = 0; i < 5; i++)
      expect((await off.request("/v1/events", event(keys.writeKey), from("10.0.0.3"))).status).toBe(200);
  });

  it("has defaults above what `npm run bench` sends on one key from one address", () => {
    // bench/decide.ts offers 2,000 slot decisions a second; bench/ingest-bench.ts about a hundred batches a second.
    expect(Math.min(DEFAULT_RATE_LIMITS.decide.perKey, DEFAULT_RATE_LIMITS.decide.perIp)).toBeGreaterThanOrEqual(4_000);
    expect(Math.min(DEFAULT_RATE_LIMITS.ingest.perKey, DEFAULT_RATE_LIMITS.ingest.perIp)).toBeGreaterThanOrEqual(500);
  });
});
