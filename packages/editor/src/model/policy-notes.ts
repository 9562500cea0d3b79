import type { DeliveryPolicySchema } from "@overture/api-contract";
import { channelSteps, channelStepUi } from "@overture/channels/browser";
import type { Step } from "@overture/core";
import type { z } from "zod";

/** The workspace's delivery policy as GET /v1/delivery-policy returns it (the API contract's shape). */
export type DeliveryPolicy = z.output<typeof DeliveryPolicySchema>;

/**
 * What the policy will do to a step's sends: `hold` (they wait, quiet hours), `skip` (some customers get nothing,
 * a frequency cap), `info` (a rule that always applies, consent).
 */
export type PolicyNote = {
  type: "hold" | "skip" | "info";
  code: "quiet_hours" | "frequency_cap" | "consent";
  text: string;
};

/**
 * The delivery channel a step sends on (the registry's: email, notification, webhook, sms, push…), or null for steps
 * that send nothing a policy governs (logic steps, content slots).
 */
export function stepChannel(step: Step): string | null {
  const ui = channelStepUi(step.type);
  return ui?.nouns ? ui.spec.channel : null;
}

/** How the notes say one send and many: the channel's own words, from the registry. */
function nounsOf(channel: string): [string, string] {
  const nouns = channelSteps().find((c) => c.spec.channel === channel)?.nouns;
  return nouns ? [nouns.one, nouns.many] : [channel, channel];
}
const UNITS: Record<string, [string, string]> = {
  w: ["week", "weeks"],
  d: ["day", "days"],
  h: ["hour", "hours"],
  m: ["minute", "minutes"],
  s: ["second", "seconds"],
};

/** A duration in words: "7d" → "7 days", "1d" → "day", "1d12h" → "1 day 12 hours". */
export function durationWords(text: string): string {
  const parts = [...text.matchAll(/(\d+)([smhdw])/g)].map((m) => {
    const n = Number(m[1]);
    const [one, many] = UNITS[m[2] as string] ?? [m[2] as string, m[2] as string];
    return { n, one, many };
  });
  if (parts.length === 0) return text;
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && only.n === 1) return only.one;
  return parts.map((p) => `${p.n} ${p.n === 1 ? p.one : p.many}`).join(" ");
}

/**
 * Every way `policy` will hold or skip the sends of `step`, in the marketer's words: quiet hours for channels that
 * observe them, the channel's frequency cap, and consent. Steps that send nothing get none.
 */
export function policyNotes(policy: DeliveryPolicy, step: Step): PolicyNote[] {
  const channel = stepChannel(step);
  if (!channel) return [];
  const rules = policy.channels[channel] ?? {};
  const [one, many] = nounsOf(channel);
  const notes: PolicyNote[] = [];
  const quiet = policy.quietHours;
  if (quiet && rules.quietHours) {
    notes.push({
      type: "hold",
      code: "quiet_hours",
      text: `Quiet hours ${quiet.start}–${quiet.end} apply: sends in that window wait until ${quiet.end} in the customer's time zone (${quiet.defaultTimezone} when they have none)`,
    });
  }
  if (rules.cap) {
    const { max, per } = rules.cap;
    notes.push({
      type: "skip",
      code: "frequency_cap",
      text:
        max === 0
          ? `Frequency cap 0 ${many} per ${durationWords(per)}: every send is skipped`
          : `Frequency cap ${max} ${max === 1 ? one : many} per ${durationWords(per)}: customers over it are skipped`,
    });
  }
  // Opt-in skips everyone who has not said yes: that is a real cut in who gets it, so it earns the badge.
  notes.push(
    rules.optIn
      ? {
          type: "skip",
          code: "consent",
          text: `Opt-in required: only customers whose consent.${channel} is true get it; the others are skipped`,
        }
      : { type: "info", code: "consent", text: `Customers whose consent.${channel} is false are skipped` },
  );
  return notes;
}

/** The short label of a node's badge when the policy holds or skips its sends ("Quiet hours · cap"), or null. */
export function policyBadge(notes: readonly PolicyNote[]): string | null {
  const has = (code: PolicyNote["code"], type: PolicyNote["type"]) =>
    notes.some((n) => n.code === code && n.type === type);
  const rules = [
    has("quiet_hours", "hold") && ["Quiet hours", "quiet hours"],
    has("frequency_cap", "skip") && ["Capped", "cap"],
    has("consent", "skip") && ["Opt-in only", "opt-in"],
  ].filter((r): r is [string, string] => Array.isArray(r));
  const [first] = rules;
  if (!first) return null;
  if (rules.length === 1) return first[0];
  // Three rules must still fit a node's header on one line: "Quiet · cap · opt-in".
  const words = rules.map((r) => (rules.length > 2 && r[1] === "quiet hours" ? "quiet" : r[1])).join(" · ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
