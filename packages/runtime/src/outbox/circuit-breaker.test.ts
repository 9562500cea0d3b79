import { describe, expect, it } from "vitest";
import { CircuitBreakers } from "./circuit-breaker.ts";

const options = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 3_000, probeWaitMs: 100 };

describe("circuit breakers (issue 12, finding 6)", () => {
  it("opens after N failures in a row, lets one probe through at the probe time, closes on its success", () => {
    const b = new CircuitBreakers(options);
    for (let i = 0; i < 2; i++) b.record("email", "smtp.test:25", "w1", "failure", 0, "refused");
    expect(b.admit("email", "smtp.test:25", "w1", 0)).toEqual({ type: "go" });
    b.record("email", "smtp.test:25", "w1", "failure", 10, "refused");
    expect(b.list()).toEqual([
      {
        channel: "email",
        endpoint: "smtp.test:25",
        state: "open",
        consecutiveFailures: 3,
        openedAt: 10,
        probeAt: 1_010,
        cooldownMs: 1_000,
        lastError: "refused",
      },
    ]);
    // Another endpoint, another channel: unaffected.
    expect(b.admit("email", "other.test:25", "w1", 20)).toEqual({ type: "go" });
    expect(b.admit("webhook", "smtp.test:25", "w1", 20)).toEqual({ type: "go" });
    const wait = b.admit("email", "smtp.test:25", "w1", 20);
    expect(wait).toMatchObject({ type: "wait", until: 1_010 });
    expect(wait.type === "wait" && wait.reason).toContain(
      "circuit open: email smtp.test:25 failed 3 times in a row (last: refused)",
    );
    // The probe, and only one.
    expect(b.admit("email", "smtp.test:25", "w1", 1_010)).toEqual({ type: "go" });
    expect(b.admit("email", "smtp.test:25", "w1", 1_010)).toMatchObject({ type: "wait", until: 1_110 });
    expect(b.list()[0]?.state).toBe("half-open");
    b.record("email", "smtp.test:25", "w1", "success", 1_020);
    expect(b.list()).toEqual([]);
    expect(b.admit("email", "smtp.test:25", "w1", 1_020)).toEqual({ type: "go" });
  });

  it("reopens on a failed probe for twice as long, up to the maximum", () => {
    const b = new CircuitBreakers(options);
    for (let i = 0; i < 3; i++) b.record("webhook", "h", "w1", "failure", 0);
    const probeAts: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      now = b.list()[0]!.probeAt!;
      probeAts.push(now);
      expect(b.admit("webhook", "h", "w1", now - 1).type).toBe("wait");
      expect(b.admit("webhook", "h", "w1", now)).toEqual({ type: "go" });
      b.record("webhook", "h", "w1", "failure", now);
    }
    expect(probeAts).toEqual([1_000, 3_000, 6_000, 9_000]);
    expect(b.list()[0]).toMatchObject({ state: "open", cooldownMs: 3_000, probeAt: 12_000 });
  });

  it("a neutral outcome (a template error) frees the probe without closing or opening", () => {
    const b = new CircuitBreakers(options);
    for (let i = 0; i < 3; i++) b.record("email", "h", "w1", "failure", 0);
    expect(b.admit("email", "h", "w1", 1_000)).toEqual({ type: "go" });
    b.record("email", "h", "w1", "neutral", 1_000);
    expect(b.list()[0]?.state).toBe("half-open");
    expect(b.admit("email", "h", "w1", 1_000)).toEqual({ type: "go" });
  });

  it("lists to a workspace only the circuits its rows met", () => {
    const b = new CircuitBreakers(options);
    b.record("webhook", "a.test", "w1", "failure", 0);
    b.record("webhook", "b.test", "w2", "failure", 0);
    expect(b.list("w1").map((c) => c.endpoint)).toEqual(["a.test"]);
    expect(b.list().map((c) => c.endpoint)).toEqual(["a.test", "b.test"]);
  });
});
