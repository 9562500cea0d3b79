import type { JourneyReport } from "../api/segment-api.ts";
import type { TableModel } from "../charts/table-model.ts";
import { reasonInWords } from "../model/delivery-figures.ts";

type Split = JourneyReport["splits"][number];
type Significance = NonNullable<Split["significance"]>;

/** The journey's series: one row per bucket. */
export function seriesTable(report: JourneyReport): TableModel {
  return {
    title: "Entries and conversions over time",
    columns: [
      {
        label: report.interval === "hour" ? "Hour (UTC)" : report.interval === "week" ? "Week of" : "Day",
        kind: report.interval === "hour" ? "hour" : "day",
      },
      { label: "Entries", kind: "count" },
      { label: "Conversions", kind: "count" },
      { label: "Conversion rate", kind: "rate" },
      { label: "Average time to convert", kind: "duration" },
    ],
    rows: report.series.map((p) => [p.at, p.entries, p.conversions, p.conversionRate, p.avgTimeToConvertMs]),
  };
}

/** The funnel: every step, how many reached it and how many went no further. */
export function funnelTable(report: JourneyReport): TableModel {
  return {
    title: "Funnel per step",
    columns: [
      { label: "Step", kind: "text" },
      { label: "Type", kind: "text" },
      { label: "Reached", kind: "count" },
      { label: "Went no further", kind: "count" },
      { label: "Drop-off", kind: "rate" },
    ],
    rows: report.funnel.map((s) => [s.name || s.stepId, s.type, s.reached, s.dropOff, s.dropOffRate]),
  };
}

/** Every message step's outcomes and their rates, one row per message. */
export function messagesTable(report: JourneyReport): TableModel {
  return {
    title: "Messages",
    columns: [
      { label: "Message", kind: "text" },
      { label: "Channel", kind: "text" },
      { label: "Sent", kind: "count" },
      { label: "Delivered", kind: "count" },
      { label: "Delivered rate", kind: "rate" },
      { label: "Deferred", kind: "count" },
      { label: "Skipped", kind: "count" },
      { label: "Bounced", kind: "count" },
      { label: "Bounce rate", kind: "rate" },
      { label: "Failed", kind: "count" },
      { label: "Opened", kind: "count" },
      { label: "Open rate", kind: "rate" },
      { label: "Clicked", kind: "count" },
      { label: "Click rate", kind: "rate" },
      { label: "Unsubscribed", kind: "count" },
      { label: "Unsubscribe rate", kind: "rate" },
    ],
    rows: report.messages.map((m) => [
      m.name || m.stepId,
      m.channel,
      m.sent,
      m.delivered,
      m.rates.delivered,
      m.deferred,
      m.skipped,
      m.bounced,
      m.rates.bounced,
      m.failed,
      m.opened,
      m.rates.opened,
      m.clicked,
      m.rates.clicked,
      m.unsubscribed,
      m.rates.unsubscribed,
    ]),
  };
}

/** Why messages were skipped (consent, quiet hours, caps…): one row per message and reason, most first. */
export function skippedTable(report: JourneyReport): TableModel {
  return {
    title: "Skipped messages by reason",
    columns: [
      { label: "Message", kind: "text" },
      { label: "Reason", kind: "text" },
      { label: "Skipped", kind: "count" },
    ],
    rows: report.messages.flatMap((m) =>
      Object.entries(m.skippedByReason)
        .sort(([, a], [, b]) => b - a)
        .map(([reason, n]) => [m.name || m.stepId, reasonInWords(reason), n]),
    ),
  };
}

/** A split's arms: who entered each, how many reached the goal, and the chance each is the best. */
export function splitTable(split: Split): TableModel {
  const best = split.significance?.probabilityToBeBest ?? {};
  return {
    title: `Split: ${split.name || split.stepId}`,
    columns: [
      { label: "Arm", kind: "text" },
      { label: "Entered", kind: "count" },
      { label: "Converted", kind: "count" },
      { label: "Conversion rate", kind: "rate" },
      { label: "Probability to be best", kind: "rate" },
    ],
    rows: split.arms.map((a) => [a.label || a.armId, a.entered, a.converted, a.conversionRate, best[a.armId] ?? null]),
  };
}

/**
 * The significance line of a split, with the method and its figures: "Chi-square test: χ² = 4.21, 1 degree of
 * freedom, p = 0.040 — significant at 5 %."
 */
export function significanceLine(significance: Significance): string {
  const df = significance.degreesOfFreedom;
  const p = significance.pValue < 0.001 ? "p < 0.001" : `p = ${significance.pValue.toFixed(3)}`;
  const verdict = significance.significant ? "significant at 5 %" : "not significant at 5 %";
  return `Chi-square test: χ² = ${significance.statistic.toFixed(2)}, ${df} ${df === 1 ? "degree" : "degrees"} of freedom, ${p} — ${verdict}.`;
}

/** The Bayesian reading of a split, arm by arm: "Probability to be best: A 12.0 %, B 88.0 %." */
export function probabilityLine(split: Split): string | null {
  const best = split.significance?.probabilityToBeBest;
  if (!best || Object.keys(best).length === 0) return null;
  const parts = split.arms.map((a) => `${a.label || a.armId} ${((best[a.armId] ?? 0) * 100).toFixed(1)} %`);
  return `Bayesian probability to be best (Beta(1, 1) priors): ${parts.join(", ")}.`;
}

/** Why a split shows no test: no goal to compare on, or too few customers yet. */
export function noSignificanceWords(split: Split): string {
  return split.goal === null
    ? "No test: the journey has no goal to compare the arms on."
    : "No test yet: too few customers have entered the arms.";
}
