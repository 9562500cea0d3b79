import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../api/delivery-api.ts";
import { channelHealth, endpointHealth, endpointOf, reasonsOf } from "./delivery-health.ts";

let seq = 0;
const entry = (
  channel: string,
  status: OutboxEntry["status"],
  reason: string | null = null,
  payload: Record<string, unknown> = {},
): OutboxEntry => ({
  seq: ++seq,
  key: `k${seq}`,
  channel,
  customerId: "c",
  journeyId: "j",
  version: 1,
  stepId: "s",
  status,
  attempts: 1,
  nextAttemptAt: 0,
  lastError: reason,
  createdAt: 0,
  payload,
  reason,
  outcome: status === "pending" ? "retrying" : status === "sending" ? "sending" : status,
});

describe("delivery health (issue 15, deliveries screen)", () => {
  it("counts each channel's sent, dead, skipped and still-waiting rows, email first", () => {
    const rows = [
      entry("webhook", "dead", "http_500"),
      entry("email", "sent"),
      entry("email", "dead", "no_email_address"),
      entry("email", "skipped", "frequency_capped"),
      entry("email", "pending", "quiet_hours"),
    ];
    expect(channelHealth(rows)).toEqual([
      { channel: "email", sent: 1, dead: 1, skipped: 1, waiting: 1, total: 4 },
      { channel: "webhook", sent: 0, dead: 1, skipped: 0, waiting: 0, total: 1 },
    ]);
  });

  it("tells webhook receivers apart by endpoint name or URL host", () => {
    const rows = [
      entry("webhook", "dead", "http_500", { endpoint: "http://127.0.0.1:4000/hook" }),
      entry("webhook", "sent", null, { endpoint: "crm.orders" }),
      entry("webhook", "dead", "http_500", { endpoint: "http://127.0.0.1:4000/other" }),
      entry("email", "sent"),
    ];
    expect(endpointHealth(rows).map((h) => [h.channel, h.sent, h.dead])).toEqual([
      ["127.0.0.1:4000", 0, 2],
      ["crm.orders", 1, 0],
    ]);
    expect(endpointOf({})).toBe("webhook");
  });

  it("lists the reasons present, most frequent first", () => {
    const rows = [
      entry("email", "dead", "no_email_address"),
      entry("email", "skipped", "no_consent"),
      entry("email", "dead", "no_email_address"),
      entry("email", "sent"),
    ];
    expect(reasonsOf(rows)).toEqual([
      { reason: "no_email_address", count: 2 },
      { reason: "no_consent", count: 1 },
    ]);
  });
});
