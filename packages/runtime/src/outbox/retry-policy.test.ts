import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICIES, nextRetry, type RetryPolicy, retryPolicyFor } from "./retry-policy.ts";

const HOUR = 3_600_000;
const policy: RetryPolicy = { horizonMs: 24 * HOUR, baseDelayMs: 10_000, maxDelayMs: HOUR, retryAfterCapMs: HOUR };

describe("retry policy (issue 12, finding 6)", () => {
  it("draws each delay from [0, min(cap, base·2^(n−1))): full jitter", () => {
    const at = (attempts: number, random: number) =>
      nextRetry({ attempts, firstAttemptAt: 0, now: 0 }, policy, () => random);
    expect(at(1, 0.5)).toEqual({ type: "retry", at: 5_000 });
    expect(at(1, 0.999_999)).toEqual({ type: "retry", at: 9_999 });
    expect(at(3, 0.5)).toEqual({ type: "retry", at: 20_000 });
    // Capped at an hour however many attempts.
    expect(at(30, 0.5)).toEqual({ type: "retry", at: HOUR / 2 });
    // Never in the same instant.
    expect(at(1, 0)).toEqual({ type: "retry", at: 1 });
  });

  it("honours Retry-After as a floor, capped: 'retry in 10 days' waits an hour", () => {
    const retry = (retryAfterMs: number) =>
      nextRetry({ attempts: 1, firstAttemptAt: 0, now: 0, retryAfterMs }, policy, () => 0.5);
    expect(retry(120_000)).toEqual({ type: "retry", at: 120_000 });
    expect(retry(1_000)).toEqual({ type: "retry", at: 5_000 });
    expect(retry(10 * 24 * HOUR)).toEqual({ type: "retry", at: HOUR });
  });

  it("gives up when the next attempt would fall after the window, measured from the first attempt", () => {
    const first = 1_000;
    expect(
      nextRetry({ attempts: 40, firstAttemptAt: first, now: first + 23 * HOUR, retryAfterMs: HOUR }, policy, () => 0),
    ).toEqual({
      type: "retry",
      at: first + 24 * HOUR,
    });
    expect(
      nextRetry(
        { attempts: 40, firstAttemptAt: first, now: first + 23 * HOUR + 1, retryAfterMs: HOUR },
        policy,
        () => 0,
      ),
    ).toEqual({
      type: "give-up",
      reason: "gave up after 40 attempts over 23h",
    });
    expect(nextRetry({ attempts: 3, firstAttemptAt: 0, now: 0 }, { ...policy, maxAttempts: 3 }, () => 0)).toEqual({
      type: "give-up",
      reason: "gave up after 3 attempts",
    });
  });

  it("keeps an email failing every time retrying for a day, with a bounded number of attempts", () => {
    let now = 0;
    let attempts = 0;
    let random = 0.123;
    for (;;) {
      attempts += 1;
      random = (random * 9301 + 0.49297) % 1;
      const next = nextRetry({ attempts, firstAttemptAt: 0, now }, retryPolicyFor("email"), () => random);
      if (next.type === "give-up") break;
      now = next.at;
    }
    expect(now).toBeGreaterThan(23 * HOUR);
    expect(now).toBeLessThanOrEqual(24 * HOUR);
    expect(attempts).toBeGreaterThan(30);
    expect(attempts).toBeLessThan(100);
  });

  it("merges the policies: built-in per channel, then '*', then the channel's own", () => {
    expect(retryPolicyFor("email").horizonMs).toBe(24 * HOUR);
    expect(retryPolicyFor("webhook").horizonMs).toBe(24 * HOUR);
    expect(retryPolicyFor("notification")).toEqual(DEFAULT_RETRY_POLICIES.notification);
    expect(
      retryPolicyFor("webhook", { "*": { horizonMs: HOUR, maxAttempts: 5 }, webhook: { horizonMs: 2 * HOUR } }),
    ).toMatchObject({
      horizonMs: 2 * HOUR,
      maxAttempts: 5,
      baseDelayMs: 10_000,
    });
  });
});
