import { InputError } from "../errors.ts";
import { STAT_BUCKET_MS } from "../store/step-stats.ts";
import type { ReportInterval, ReportQueryInput, ReportRange } from "./report-types.ts";

const DAY_MS = 86_400_000;
/** The longest range a report reads, and the longest one it splits into hours (744 points). */
export const MAX_RANGE_DAYS = 400;
export const MAX_HOURLY_DAYS = 31;
const DEFAULT_DAYS = 30;

/** The range of a report query, checked: from < to, at most 400 days, hours over at most 31 days (else an InputError). */
export function parseReportRange(query: ReportQueryInput, now: number): ReportRange {
  const interval: ReportInterval = query.interval ?? "day";
  const to = query.to === undefined ? now : timeOf(query.to, "to");
  const from = query.from === undefined ? to - DEFAULT_DAYS * DAY_MS : timeOf(query.from, "from");
  const problem = (path: string, message: string) =>
    new InputError("invalid_input", message, [{ path, code: "invalid_range", message }]);
  if (from >= to) throw problem("query.from", `'from' (${iso(from)}) must be before 'to' (${iso(to)})`);
  if (to - from > MAX_RANGE_DAYS * DAY_MS)
    throw problem("query.from", `a report covers at most ${MAX_RANGE_DAYS} days; this range has ${days(to - from)}`);
  if (interval === "hour" && to - from > MAX_HOURLY_DAYS * DAY_MS)
    throw problem(
      "query.interval",
      `an hourly report covers at most ${MAX_HOURLY_DAYS} days; this range has ${days(to - from)}: use interval=day`,
    );
  return { from, to, interval };
}

/** The hours [first, end) a range reads: counters are hourly, so a range is read in whole hours. */
export function hoursOf(range: ReportRange): { first: number; end: number } {
  return { first: Math.floor(range.from / STAT_BUCKET_MS), end: Math.ceil(range.to / STAT_BUCKET_MS) };
}

/** The start (UTC) of the bucket an hour falls in: the hour, its day, or its week (weeks start on Monday). */
export function bucketOf(hour: number, interval: ReportInterval): number {
  const at = hour * STAT_BUCKET_MS;
  if (interval === "hour") return at;
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  if (interval === "day") return day;
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  const weekday = (Math.floor(at / DAY_MS) + 3) % 7;
  return day - weekday * DAY_MS;
}

/** Every bucket start of the range, in order, so the series has a point (maybe zero) for each. */
export function bucketsOf(range: ReportRange): number[] {
  const { first, end } = hoursOf(range);
  const out: number[] = [];
  for (let h = first; h < end; h++) {
    const b = bucketOf(h, range.interval);
    if (out[out.length - 1] !== b) out.push(b);
  }
  return out;
}

function timeOf(value: string | number, name: string): number {
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new InputError("invalid_input", `'${name}' is not a date-time`, [
      { path: `query.${name}`, code: "invalid_date", message: `'${String(value)}' is not an ISO 8601 date-time` },
    ]);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function days(ms: number): string {
  return `${Math.round((ms / DAY_MS) * 10) / 10} days`;
}
