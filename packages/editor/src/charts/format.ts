/** How the report screens write numbers: one place, so a table, a chart's axis and its tooltip agree. */

const COUNT = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const HOUR = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "1,234". */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** "12.5 %", or "—" when there was nothing to divide by. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  const percent = rate * 100;
  // Small rates keep a second digit, so 0.4 % and 0.04 % do not both read "0 %".
  return `${percent > 0 && percent < 1 ? percent.toFixed(2) : percent.toFixed(1)} %`;
}

/** "3.84". */
export function formatDecimal(n: number): string {
  return DECIMAL.format(n);
}

/** A p-value as statisticians write it: "0.032", "< 0.001". */
export function formatPValue(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** A duration in the largest two units that matter: "45 s", "12 min", "3 h 20 min", "2 d 5 h"; "—" for none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** The start of a bucket, in UTC like the buckets themselves: "5 Dec 2026", or "5 Dec, 14:00" for hours. */
export function formatBucket(at: number, interval: "hour" | "day" | "week"): string {
  return interval === "hour" ? `${HOUR.format(at)} UTC` : DAY.format(at);
}
