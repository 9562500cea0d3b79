import { describe, expect, it } from "vitest";
import type { StepDeliveries } from "../api/api-client.ts";
import { channelNoun, deliveryFigures, reasonInWords } from "./delivery-figures.ts";

const none = { sent: 0, sending: 0, queued: 0, deferred: 0, retrying: 0, skipped: 0, dead: 0 };

describe("delivery figures on a step (issue 15, defect 4)", () => {
  it("shows what got out and what failed, failures in the warning colour with their reasons in words", () => {
    const d: StepDeliveries = {
      ...none,
      stepId: "welcome",
      channel: "email",
      total: 3,
      sent: 1,
      dead: 2,
      reasons: { deferred: {}, retrying: {}, skipped: {}, dead: { no_email_address: 2 } },
    };
    expect(deliveryFigures(d)).toEqual([
      { outcome: "sent", count: 1, label: "1 sent", warn: false, detail: "" },
      { outcome: "dead", count: 2, label: "2 dead", warn: true, detail: "2 no email address" },
    ]);
  });

  it("shows a webhook still retrying, held by its circuit breaker or by quiet hours", () => {
    const d: StepDeliveries = {
      ...none,
      stepId: "hook",
      channel: "webhook",
      total: 4,
      retrying: 3,
      deferred: 1,
      reasons: {
        deferred: { quiet_hours: 1 },
        retrying: { circuit_open: 1, webhook_failed: 2 },
        skipped: {},
        dead: {},
      },
    };
    expect(deliveryFigures(d).map((f) => [f.label, f.warn, f.detail])).toEqual([
      ["1 deferred", false, "1 quiet hours"],
      ["3 retrying", true, "2 webhook failed, 1 endpoint failing, paused by its circuit breaker"],
    ]);
    expect(reasonInWords(null)).toBe("");
    expect([channelNoun("email"), channelNoun("webhook"), channelNoun("carrier-pigeon")]).toEqual([
      "Emails",
      "Calls",
      "Deliveries",
    ]);
  });
});
