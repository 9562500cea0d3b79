import type { JourneyReport } from "../api/segment-api.ts";
import type { CsvCell } from "../charts/csv.ts";
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

type Message = JourneyReport["messages"][number];

/**
 * One message step's outcomes, a row per figure with its rate (where the report gives one), the skipped ones broken
 * down by reason, most first.
 */
export function messageTable(message: Message): TableModel {
  const m = message;
  const reasons = Object.entries(m.skippedByReason)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]): CsvCell[] => [
      `Skipped: ${reasonInWords(reason)}`,
      n,
      m.sent + m.skipped > 0 ? n / (m.sent + m.skipped) : null,
    ]);
  return {
    title: `Message: ${m.name || m.stepId} (${m.channel})`,
    columns: [
      { label: "Figure", kind: "text" },
      { label: "Messages", kind: "count" },
      { label: "Rate", kind: "rate" },
    ],
    rows: [
      ["Sent", m.sent, null],
      ["Delivered", m.delivered, m.rates.delivered],
      ["Deferred", m.deferred, null],
      ["Skipped", m.skipped, null],
      ...reasons,
      ["Bounced", m.bounced, m.rates.bounced],
      ["Failed", m.failed, null],
      ["Opened", m.opened, m.rates.opened],
      ["Clicked", m.clicked, m.rates.clicked],
      ["Unsubscribed", m.unsubscribed, m.rates.unsubscribed],
    ],
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
