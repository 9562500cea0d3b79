import { describe, expect, it } from "vitest";
import { dailyRollups, RollupFold } from "../store/report-rollups.ts";
import type { OutboxResult, OutboxRow } from "../store/store.ts";
import { foldEvent } from "./batch-rollups.ts";
import { deliveryRollups, isBounceCode } from "./delivery-rollups.ts";
import { bucketOf, parseReportRange } from "./report-range.ts";

const T0 = Date.UTC(2025, 0, 6, 9);
const HOUR = 3_600_000;

const row = (seq: number, stepId: string, channel = "email") =>
  ({ seq, workspaceId: "w", journeyId: "j", stepId, channel }) as OutboxRow;

describe("report rollups (decision 0039)", () => {
  it("folds one row per key, and per day for the daily table", () => {
    const fold = new RollupFold();
    fold.add("w", "j", T0, "s", "split_converted", "a");
    fold.add("w", "j", T0 + 10, "s", "split_converted", "a");
    fold.add("w", "j", T0 + HOUR, "s", "split_converted", "a");
    expect(fold.rows().map((r) => r.n)).toEqual([2, 1]);
    expect(dailyRollups(fold.rows())).toEqual([
      { w: "w", j: "j", h: Math.floor(T0 / HOUR / 24), st: "s", m: "split_converted", d: "a", n: 3 },
    ]);
  });

  it("counts a delivery by its outcome: bounces by the provider's refusal, skips by reason code", () => {
    const results: OutboxResult[] = [
      { seq: 1, status: "sent", at: T0, detail: null },
      { seq: 2, status: "dead", at: T0, error: "SMTP: 550 no such user", bounced: true },
      { seq: 3, status: "dead", at: T0, error: "email_render_failed: body" },
      { seq: 4, status: "dead", at: T0, error: "sms_rejected: 400 invalid number" },
      { seq: 5, status: "skipped", at: T0, reason: "no consent: consent.email is false" },
      { seq: 6, status: "deferred", nextAttemptAt: T0 + HOUR, reason: "quiet hours" },
      { seq: 7, status: "pending", nextAttemptAt: T0 + HOUR, error: "SMTP: timeout" },
    ];
    const rows = [1, 2, 3, 4, 5, 6, 7].map((seq) => row(seq, "mail", seq === 4 ? "sms" : "email"));
    const counts = Object.fromEntries(deliveryRollups(rows, results, T0).map((r) => [`${r.m}/${r.d}`, r.n]));
    expect(counts).toEqual({
      "msg_sent/email": 3,
      "msg_delivered/email": 1,
      "msg_bounced/email": 1,
      "msg_failed/email": 1,
      "msg_sent/sms": 1,
      "msg_bounced/sms": 1,
      "msg_skipped/no_consent": 1,
      "msg_deferred/email": 1,
    });
    expect(["smtp_rejected", "sms_rejected", "push_refused"].every(isBounceCode)).toBe(true);
    expect(isBounceCode("webhook_rejected")).toBe(false);
  });

  it("counts tracked engagement for the message's step and content views with their dwell", () => {
    const fold = new RollupFold();
    const props = { journeyId: "j", stepId: "mail", messageKey: "k" };
    foldEvent(fold, "w", { id: "1", name: "email.opened", customerId: "c", at: T0, properties: props });
    foldEvent(fold, "w", { id: "2", name: "email.clicked", customerId: "c", at: T0, properties: props });
    foldEvent(fold, "w", { id: "3", name: "email.opened", customerId: "c", at: T0, properties: {} });
    foldEvent(fold, "w", {
      id: "4",
      name: "content.viewed",
      customerId: "c",
      at: T0,
      properties: { contentId: "guide", dwellMs: 1500.4 },
    });
    expect(fold.rows().map((r) => [r.j, r.st, r.m, r.d, r.n])).toEqual([
      ["j", "mail", "msg_opened", "email", 1],
      ["j", "mail", "msg_clicked", "email", 1],
      ["", "guide", "content_views", "", 1],
      ["", "guide", "content_dwell", "", 1500],
    ]);
  });
});

describe("report ranges", () => {
  it("defaults to the last 30 days and buckets weeks from Monday (UTC)", () => {
    expect(parseReportRange({}, T0)).toEqual({ from: T0 - 30 * 24 * HOUR, to: T0, interval: "day" });
    const sunday = Date.UTC(2025, 0, 12, 23) / HOUR;
    expect(bucketOf(sunday, "week")).toBe(Date.UTC(2025, 0, 6));
    expect(bucketOf(sunday, "day")).toBe(Date.UTC(2025, 0, 12));
  });
});
