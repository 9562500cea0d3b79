import type { OutboxStatus } from "./store.ts";

/**
 * What became of a step's deliveries, in a marketer's words (issue 15, defect 4). The outbox keeps a status and the
 * last error; a pending row is one of three things told apart by that error:
 * - `queued`: not tried yet, or re-driven from the dead letters and not tried again yet (attempts back at 0; the last
 *   error stays until the next attempt);
 * - `deferred`: held by the delivery policy (quiet hours), not a failure;
 * - `retrying`: an attempt failed and another is scheduled, or its endpoint's circuit breaker is open (`circuit open:`).
 *   A breaker opens because the endpoint keeps failing, so a row it holds is counted as retrying (reason
 *   `circuit_open`), shown in the warning colour: nothing will go out until the endpoint recovers.
 */
export const DELIVERY_STATES = ["sent", "sending", "queued", "deferred", "retrying", "skipped", "dead"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The outcomes counted per reason. */
export type ReasonedOutcome = "deferred" | "retrying" | "skipped" | "dead";

/** Per-step delivery figures of a journey: how many of each outcome, and the reasons of the held or failed ones. */
export type StepDeliveries = {
  stepId: string;
  channel: string;
  total: number;
} & Record<DeliveryState, number> & { reasons: Record<ReasonedOutcome, Record<string, number>> };

/**
 * Reasons recognised by how their message starts (the policy and the dispatcher write these). Any other message
 * that starts with a code (`no_email_address: customer …`) is counted under that code; the rest under `other`.
 */
export const KNOWN_REASONS: ReadonlyArray<{ prefix: string; reason: string; deferral?: true }> = [
  { prefix: "circuit open:", reason: "circuit_open" },
  { prefix: "quiet hours ", reason: "quiet_hours", deferral: true },
  { prefix: "no consent:", reason: "no_consent" },
  { prefix: "frequency cap:", reason: "frequency_capped" },
  { prefix: "delivery crashed or hung", reason: "quarantined" },
  { prefix: "no handler for channel", reason: "no_handler" },
];

/** Reasons of pending rows that are holds, not failures. */
export const DEFERRAL_REASONS: ReadonlySet<string> = new Set(
  KNOWN_REASONS.filter((k) => k.deferral).map((k) => k.reason),
);

/** How long a leading code may be; longer text before a colon is a sentence, not a code. */
const CODE_MAX = 40;
const CODE = /^[a-z][a-z0-9_]*$/;

/** A last error's reason: a known prefix, else its leading `code:`, else `other`. */
export function deliveryReasonOf(lastError: string | null): string | null {
  if (lastError === null) return null;
  const known = KNOWN_REASONS.find((k) => lastError.startsWith(k.prefix));
  if (known) return known.reason;
  const colon = lastError.indexOf(":");
  return reasonFromPrefix(colon > 0 && colon <= CODE_MAX ? lastError.slice(0, colon) : null);
}

/** A leading text before the first colon, as the SQL groups it, to a reason. */
export function reasonFromPrefix(prefix: string | null): string {
  return prefix !== null && CODE.test(prefix) ? prefix : "other";
}

/** The outcome of one outbox row from its status, reason and whether it was attempted since it was (re)queued. */
export function deliveryStateOf(status: OutboxStatus, reason: string | null, attempted: boolean): DeliveryState {
  if (status !== "pending") return status;
  if (reason === null) return "queued";
  if (DEFERRAL_REASONS.has(reason)) return "deferred";
  if (reason === CIRCUIT_OPEN) return "retrying";
  return attempted ? "retrying" : "queued";
}

const CIRCUIT_OPEN = "circuit_open";

/** An empty row of figures for a step. */
export function emptyStepDeliveries(stepId: string, channel: string): StepDeliveries {
  return {
    stepId,
    channel,
    total: 0,
    sent: 0,
    sending: 0,
    queued: 0,
    deferred: 0,
    retrying: 0,
    skipped: 0,
    dead: 0,
    reasons: { deferred: {}, retrying: {}, skipped: {}, dead: {} },
  };
}

/** Folds grouped rows (step, channel, status, reason, count) into per-step figures, sorted by step id. */
export function stepDeliveriesFromRows(
  rows: Array<{
    stepId: string;
    channel: string;
    status: OutboxStatus;
    reason: string | null;
    attempted: boolean;
    n: number;
  }>,
): StepDeliveries[] {
  const steps = new Map<string, StepDeliveries>();
  for (const r of rows) {
    let s = steps.get(r.stepId);
    if (!s) {
      s = emptyStepDeliveries(r.stepId, r.channel);
      steps.set(r.stepId, s);
    }
    const outcome = deliveryStateOf(r.status, r.reason, r.attempted);
    s[outcome] += r.n;
    s.total += r.n;
    if (outcome === "deferred" || outcome === "retrying" || outcome === "skipped" || outcome === "dead") {
      const reason = r.reason ?? "other";
      s.reasons[outcome][reason] = (s.reasons[outcome][reason] ?? 0) + r.n;
    }
  }
  return [...steps.values()].sort((a, b) => a.stepId.localeCompare(b.stepId));
}
