import type { ReportRange } from "../api/segment-api.ts";

/** The range a reader picks: the last 7, 30 or 90 days, or their own days (`YYYY-MM-DD`, both included). */
export type RangeChoice = { type: "last"; days: 7 | 30 | 90 } | { type: "custom"; from: string; to: string };

export type Interval = "hour" | "day" | "week";

const DAY_MS = 86_400_000;

/**
 * The query for a choice, or the reason it cannot be asked. "Last 7 days" ends at the end of today (UTC), so the
 * buckets are whole days and today's counts show as they grow; a custom range runs from the start of its first day to
 * the end of its last.
 */
export function rangeQuery(choice: RangeChoice, interval: Interval, now: number): ReportRange | { problem: string } {
  const days = rangeDays(choice, now);
  if ("problem" in days) return days;
  // An hour per bucket over 90 days would be 2,160 points: unreadable, so hours stop at 31 days.
  if (interval === "hour" && days.to - days.from > 31 * DAY_MS)
    return { problem: "Hours need a range of 31 days or fewer: choose days or weeks." };
  return { from: iso(days.from), to: iso(days.to), interval };
}

function rangeDays(choice: RangeChoice, now: number): { from: number; to: number } | { problem: string } {
  if (choice.type === "last") {
    const to = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    return { from: to - choice.days * DAY_MS, to };
  }
  const from = dayStart(choice.from);
  const last = dayStart(choice.to);
  if (from === null) return { problem: "Choose the first day of the range." };
  if (last === null) return { problem: "Choose the last day of the range." };
  if (last < from) return { problem: "The last day comes before the first." };
  return { from, to: last + DAY_MS };
}

/** Whether an answer is a problem rather than a query. */
export function isRangeProblem(answer: ReportRange | { problem: string }): answer is { problem: string } {
  return "problem" in answer;
}

/** The last 30 days, by the day: what a report opens on. */
export const DEFAULT_RANGE: RangeChoice = { type: "last", days: 30 };

/** The day of an epoch time (UTC) as a date field holds it: "2026-12-05". */
export function dayOf(ms: number): string {
  return iso(ms).slice(0, 10);
}

function dayStart(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
