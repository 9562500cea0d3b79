/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone. */
function wallClock(
  at: number,
  zone: string,
): { y: number; mo: number; d: number; h: number; mi: number; weekday: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday ?? "") + 1;
  return {
    y: Number(parts.year),
    mo: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    weekday,
  };
}

const DAY_MS = 86_400_000;

/** The wall clock in `zone` at `at`, as if it were UTC (minute precision). */
function wallMs(at: number, zone: string): number {
  const w = wallClock(at, zone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
}

/**
 * The instant at which the wall clock in `zone` shows the given local date and time. An ambiguous time (clocks
 * go back) is its first occurrence; a skipped time (clocks go forward) is moved forward by the jump (02:30 → 03:30).
 */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const local = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offsets a day before and after: they differ only around a change of offset.
  const before = local - (wallMs(local - DAY_MS, zone) - (local - DAY_MS));
  const after = local - (wallMs(local + DAY_MS, zone) - (local + DAY_MS));
  const shown = [before, after].filter((at) => wallMs(at, zone) === local).sort((a, b) => a - b);
  return shown[0] ?? before;
}

/**
 * The next instant strictly after `now` when the clock in `zone` shows `time` ("09:00") on one of `days`
 * (ISO weekdays, 1 = Monday); any day when `days` is omitted.
 */
export function nextTimeOfDay(now: number, time: string, zone: string, days?: number[]): number {
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const today = wallClock(now, zone);
  for (let offset = 0; offset <= 8; offset++) {
    const day = new Date(Date.UTC(today.y, today.mo - 1, today.d + offset));
    const at = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hh, mm, zone);
    const weekday = ((day.getUTCDay() + 6) % 7) + 1;
    if (at > now && (!days || days.includes(weekday))) return at;
  }
  return now;
}
