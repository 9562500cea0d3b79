import { describe, expect, it } from "vitest";
import { opsOptionsFromEnv } from "./ops-env.ts";

describe("opsOptionsFromEnv", () => {
  it("leaves every default in place when nothing is set", () => {
    expect(opsOptionsFromEnv({})).toEqual({
      timeouts: {},
      rateLimits: { limits: {}, trustedProxies: 0 },
      health: {},
      metricsToken: undefined,
    });
  });

  it("reads timeouts, limits per scope, proxies, readiness bounds and the metrics token", () => {
    const options = opsOptionsFromEnv({
      OVERTURE_HEADERS_TIMEOUT_MS: "2000",
      OVERTURE_RATE_LIMIT_INGEST_PER_KEY: "50",
      OVERTURE_RATE_LIMIT_MANAGE_PER_IP: "0",
      OVERTURE_TRUSTED_PROXIES: "1",
      OVERTURE_READY_MAX_ENGINE_LAG_MS: "60000",
      OVERTURE_METRICS_TOKEN: " scrape-me ",
    });
    expect(options).toEqual({
      timeouts: { headersMs: 2_000 },
      rateLimits: { limits: { ingest: { perKey: 50 }, manage: { perIp: 0 } }, trustedProxies: 1 },
      health: { maxEngineLagMs: 60_000 },
      metricsToken: "scrape-me",
    });
    expect(opsOptionsFromEnv({ OVERTURE_RATE_LIMITS: "off" }).rateLimits).toBe(false);
  });

  it("refuses a value that is not a whole number, naming the variable", () => {
    expect(() => opsOptionsFromEnv({ OVERTURE_REQUEST_TIMEOUT_MS: "30s" })).toThrow(/OVERTURE_REQUEST_TIMEOUT_MS/);
  });
});
