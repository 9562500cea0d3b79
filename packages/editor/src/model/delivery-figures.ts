import type { DeliveryState, StepDeliveries, StepStats } from "../api/api-client.ts";

/** One figure of a step's deliveries as the canvas shows it: "2 dead", in the warning colour when it needs a look. */
export type DeliveryFigure = { outcome: DeliveryState; count: number; label: string; warn: boolean; detail: string };

/** The order figures read in: what went out, what is on its way, what is held, what failed. */
const ORDER: DeliveryState[] = ["sent", "sending", "queued", "deferred", "retrying", "skipped", "dead"];

/** Outcomes that mean a message is not getting out and someone should look. */
const WARN: ReadonlySet<DeliveryState> = new Set(["retrying", "dead"]);

const WORDS: Record<DeliveryState, string> = {
  sent: "sent",
  sending: "sending",
  queued: "queued",
  deferred: "deferred",
  retrying: "retrying",
  skipped: "skipped",
  dead: "dead",
};

/** Reason codes in words; an unknown code reads with its underscores as spaces. */
const REASON_WORDS: Record<string, string> = {
  no_email_address: "no email address",
  quiet_hours: "quiet hours",
  circuit_open: "endpoint failing, paused by its circuit breaker",
  no_consent: "no consent",
  frequency_capped: "frequency cap reached",
  quarantined: "crashed the sender; quarantined",
  unsubscribed: "unsubscribed",
  other: "other error",
};

const NOUNS: Record<string, string> = {
  email: "Emails",
  notification: "Notifications",
  webhook: "Calls",
  slot: "Placements",
};

/** What a channel's deliveries are called on a step: "Emails: 1 sent · 2 dead". */
export function channelNoun(channel: string): string {
  return NOUNS[channel] ?? "Deliveries";
}

/** A reason code as a marketer reads it. */
export function reasonInWords(code: string | null): string {
  if (code === null) return "";
  return REASON_WORDS[code] ?? code.replaceAll("_", " ");
}

/** The non-zero figures of a step's deliveries, in reading order, each with its reasons spelled out. */
export function deliveryFigures(d: StepDeliveries): DeliveryFigure[] {
  return ORDER.filter((outcome) => d[outcome] > 0).map((outcome) => {
    const reasons = outcome in d.reasons ? d.reasons[outcome as keyof StepDeliveries["reasons"]] : {};
    const detail = Object.entries(reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${n} ${reasonInWords(code)}`)
      .join(", ");
    return { outcome, count: d[outcome], label: `${d[outcome]} ${WORDS[outcome]}`, warn: WARN.has(outcome), detail };
  });
}

/** The live figures of each step with its deliveries attached, for the canvas (a step with deliveries has passed). */
export function withDeliveries(
  steps: StepStats[] | undefined,
  deliveries: StepDeliveries[] | null,
): Array<StepStats & { deliveries?: StepDeliveries }> | null {
  if (!steps) return null;
  if (!deliveries || deliveries.length === 0) return steps;
  const of = new Map(deliveries.map((d) => [d.stepId, d]));
  const known = new Set(steps.map((s) => s.stepId));
  const extra = deliveries
    .filter((d) => !known.has(d.stepId))
    .map((d) => ({ stepId: d.stepId, waiting: 0, passed: 0, exited: 0, converted: 0, outcomes: {} }));
  return [...steps, ...extra].map((s) => {
    const d = of.get(s.stepId);
    return d ? { ...s, deliveries: d } : s;
  });
}
