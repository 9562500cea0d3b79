import { deliveryReasonOf } from "../store/delivery-outcomes.ts";
import { METRIC, type Rollup, RollupFold } from "../store/report-rollups.ts";
import type { OutboxResult, OutboxRow } from "../store/store.ts";

/**
 * The codes of permanent failures a provider named as a refusal of the message or its address (an SMTP 5xx, the SMS
 * service's 4xx, the push service's refusal): bounces. Every other dead letter (a template that does not render, a
 * timeout given up on) is a failure. Decision 0039 lists each channel's mapping.
 */
const BOUNCE_CODES = new Set(["smtp_rejected", "sms_rejected", "push_refused", "push_gone", "bounced"]);

/** Whether a PermanentError's code is a bounce. */
export function isBounceCode(code: string): boolean {
  return BOUNCE_CODES.has(code);
}

/** A dead letter's error read as a bounce when its result was not marked (an error led by its code). */
export function isBounce(error: string): boolean {
  const head = error.split(":")[0]?.trim() ?? "";
  return BOUNCE_CODES.has(head);
}

/** The code a skipped row's reason is counted under, as the step's delivery figures count it (`no consent: …` → `no_consent`). */
export function skipCodeOf(reason: string): string {
  return deliveryReasonOf(reason) ?? "other";
}

/**
 * The report counters of one dispatcher batch, written with its delivery facts: per message step and channel, the
 * messages that ended sent (delivered), bounced or failed (all three are "sent": handed to the channel), the
 * deferrals, and the skipped ones by reason. A retry still pending counts nothing yet.
 */
export function deliveryRollups(rows: OutboxRow[], results: OutboxResult[], now: number): Rollup[] {
  const fold = new RollupFold();
  results.forEach((result, i) => {
    const row = rows[i];
    if (!row) return;
    const add = (metric: Rollup["m"], dim = row.channel) =>
      fold.add(row.workspaceId, row.journeyId, now, row.stepId, metric, dim);
    switch (result.status) {
      case "sent":
        add(METRIC.sent);
        add(METRIC.delivered);
        return;
      case "dead":
        add(METRIC.sent);
        add((result.bounced ?? isBounce(result.error)) ? METRIC.bounced : METRIC.failed);
        return;
      case "deferred":
        add(METRIC.deferred);
        return;
      case "skipped":
        add(METRIC.skipped, skipCodeOf(result.reason));
        return;
      case "pending":
        return;
    }
  });
  return fold.rows();
}
