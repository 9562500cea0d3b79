/**
 * The reports' answers, shaped as the API contract's JourneyReport and ReportsOverview (api-contract reports.ts; the
 * runtime does not import the contract, the server checks the answers against it).
 */
export type ReportInterval = "hour" | "day" | "week";

/** A validated range: [from, to) in ms, and the bucket size of the series. */
export type ReportRange = { from: number; to: number; interval: ReportInterval };

/** The query as the API takes it: ISO times or ms, both optional (default: the last 30 days). */
export type ReportQueryInput = { from?: string | number; to?: string | number; interval?: ReportInterval };

export type Rate = number | null;

export type ReportPoint = {
  at: number;
  entries: number;
  conversions: number;
  conversionRate: Rate;
  avgTimeToConvertMs: number | null;
};

export type FunnelStep = {
  stepId: string;
  name: string;
  type: string;
  reached: number;
  dropOff: number;
  dropOffRate: Rate;
};

export type MessageOutcomes = {
  stepId: string;
  name: string;
  channel: string;
  sent: number;
  delivered: number;
  deferred: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  bounced: number;
  failed: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  rates: { delivered: Rate; bounced: Rate; opened: Rate; clicked: Rate; unsubscribed: Rate };
};

export type SplitReport = {
  stepId: string;
  name: string;
  goal: string | null;
  arms: Array<{ armId: string; label: string; entered: number; converted: number; conversionRate: Rate }>;
  significance: {
    method: "chi-square";
    statistic: number;
    degreesOfFreedom: number;
    pValue: number;
    significant: boolean;
    probabilityToBeBest: Record<string, number>;
    note: string;
  } | null;
};

export type JourneyReport = {
  journeyId: string;
  from: number;
  to: number;
  interval: ReportInterval;
  totals: {
    entries: number;
    conversions: number;
    conversionRate: Rate;
    avgTimeToConvertMs: number | null;
    completed: number;
    exited: number;
  };
  series: ReportPoint[];
  funnel: FunnelStep[];
  messages: MessageOutcomes[];
  splits: SplitReport[];
};

export type ReportsOverview = {
  from: number;
  to: number;
  activeJourneys: Array<{
    journeyId: string;
    name: string;
    entries: number;
    conversions: number;
    conversionRate: Rate;
  }>;
  messagesPerDay: Array<{ day: number; channel: string; sent: number }>;
  deliverability: {
    sent: number;
    delivered: number;
    bounced: number;
    complaints: number;
    unsubscribed: number;
    rates: { bounced: Rate; complaints: Rate; unsubscribed: Rate };
  };
  topContent: Array<{ contentId: string; title: string | null; dwellMs: number; views: number }>;
  segments: Array<{ segmentId: string; name: string; size: number }>;
};

/** A share between 0 and 1, or null when there is nothing to divide by (clicks can outnumber deliveries: capped). */
export function rate(part: number, whole: number): Rate {
  return whole > 0 ? Math.min(1, Math.max(0, part / whole)) : null;
}
