import { describe, expect, it } from "vitest";
import { deliveryReasonOf, deliveryStateOf, stepDeliveriesFromRows } from "./delivery-outcomes.ts";

describe("delivery outcomes (issue 15, defect 4)", () => {
  it("names a reason by a known prefix, else the leading code, else other", () => {
    expect(deliveryReasonOf(null)).toBeNull();
    expect(deliveryReasonOf("no_email_address: customer c1 has no email attribute")).toBe("no_email_address");
    expect(deliveryReasonOf("quiet hours 22:00–08:00 UTC: held until 2026-01-01T08:00:00.000Z")).toBe("quiet_hours");
    expect(deliveryReasonOf("circuit open: webhook ws/crm failed 5 times in a row")).toBe("circuit_open");
    expect(deliveryReasonOf("no consent: the customer's consent.email is false")).toBe("no_consent");
    expect(deliveryReasonOf("frequency cap: 3 email sent in the last 1 day, at most 3")).toBe("frequency_capped");
    expect(deliveryReasonOf("delivery crashed or hung 3 times; quarantined")).toBe("quarantined");
    expect(deliveryReasonOf("SMTP: connect ECONNREFUSED")).toBe("other");
    expect(deliveryReasonOf("boom")).toBe("other");
  });

  it("tells queued, deferred and retrying pending rows apart; a breaker's hold is retrying", () => {
    expect(deliveryStateOf("pending", null, false)).toBe("queued");
    expect(deliveryStateOf("pending", "quiet_hours", true)).toBe("deferred");
    expect(deliveryStateOf("pending", "circuit_open", false)).toBe("retrying");
    expect(deliveryStateOf("pending", "webhook_failed", true)).toBe("retrying");
    // Re-driven from the dead letters: attempts back at 0, the old error kept until the next attempt.
    expect(deliveryStateOf("pending", "no_email_address", false)).toBe("queued");
    expect(deliveryStateOf("dead", "no_email_address", true)).toBe("dead");
  });

  it("folds grouped rows into per-step figures with reasons", () => {
    const [welcome] = stepDeliveriesFromRows([
      { stepId: "welcome", channel: "email", status: "sent", reason: null, attempted: true, n: 1 },
      { stepId: "welcome", channel: "email", status: "dead", reason: "no_email_address", attempted: true, n: 2 },
      { stepId: "welcome", channel: "email", status: "pending", reason: "other", attempted: true, n: 1 },
      { stepId: "welcome", channel: "email", status: "pending", reason: "other", attempted: true, n: 2 },
    ]);
    expect(welcome).toMatchObject({
      total: 6,
      sent: 1,
      dead: 2,
      retrying: 3,
      reasons: { dead: { no_email_address: 2 }, retrying: { other: 3 } },
    });
  });
});
