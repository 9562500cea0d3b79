import { describe, expect, it } from "vitest";
import { dispatcherOptionsFromEnv } from "./dispatcher-env.ts";

describe("dispatcher settings from the environment (issue 12, finding 6)", () => {
  it("leaves the defaults when nothing is set", () => {
    expect(dispatcherOptionsFromEnv({})).toEqual({});
  });

  it("reads retry windows, the Retry-After cap and the circuit breakers' settings", () => {
    expect(
      dispatcherOptionsFromEnv({
        OVERTURE_RETRY_HORIZON: "12h",
        OVERTURE_RETRY_HORIZON_WEBHOOK: "2d",
        OVERTURE_RETRY_AFTER_CAP: "30m",
        OVERTURE_CIRCUIT_FAILURES: "10",
        OVERTURE_CIRCUIT_COOLDOWN: "1m",
      }),
    ).toEqual({
      retry: {
        "*": { horizonMs: 12 * 3_600_000, retryAfterCapMs: 30 * 60_000 },
        webhook: { horizonMs: 2 * 86_400_000 },
      },
      circuitBreaker: { failureThreshold: 10, cooldownMs: 60_000 },
    });
    expect(dispatcherOptionsFromEnv({ OVERTURE_CIRCUIT_FAILURES: "0" })).toEqual({ circuitBreaker: false });
  });

  it("reads the sends in flight at once per channel and per endpoint (issue 16)", () => {
    expect(
      dispatcherOptionsFromEnv({
        OVERTURE_ENDPOINT_CONCURRENCY: "16",
        OVERTURE_SEND_CONCURRENCY_EMAIL: "50",
        OVERTURE_ENDPOINT_CONCURRENCY_WEBHOOK: " 4 ",
      }),
    ).toEqual({ sendLimits: { "*": { endpoint: 16 }, email: { channel: 50 }, webhook: { endpoint: 4 } } });
    expect(() => dispatcherOptionsFromEnv({ OVERTURE_SEND_CONCURRENCY: "0" })).toThrow(
      /OVERTURE_SEND_CONCURRENCY must be a whole number of sends of at least 1/,
    );
    expect(() => dispatcherOptionsFromEnv({ OVERTURE_ENDPOINT_CONCURRENCY_SMS: "many" })).toThrow(
      /OVERTURE_ENDPOINT_CONCURRENCY_SMS must be/,
    );
  });

  it("turns a claim lane per channel on or off (issue 16)", () => {
    expect(dispatcherOptionsFromEnv({ OVERTURE_CHANNEL_LANES: "on" })).toEqual({ channelLanes: true });
    expect(dispatcherOptionsFromEnv({ OVERTURE_CHANNEL_LANES: "off" })).toEqual({ channelLanes: false });
    expect(dispatcherOptionsFromEnv({})).toEqual({});
    expect(() => dispatcherOptionsFromEnv({ OVERTURE_CHANNEL_LANES: "yes" })).toThrow(
      /OVERTURE_CHANNEL_LANES must be "on" or "off", got "yes"/,
    );
  });

  it("names the variable that is wrong", () => {
    expect(() => dispatcherOptionsFromEnv({ OVERTURE_RETRY_HORIZON_EMAIL: "one day" })).toThrow(
      /OVERTURE_RETRY_HORIZON_EMAIL must be a duration/,
    );
    expect(() => dispatcherOptionsFromEnv({ OVERTURE_CIRCUIT_FAILURES: "-1" })).toThrow(
      /OVERTURE_CIRCUIT_FAILURES must be a whole number/,
    );
  });
});
