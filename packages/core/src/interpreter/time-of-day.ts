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
function wallClock(at: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; weekday: number } {
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
  return { y: Number(parts.year), mo: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute), weekday };
}

/** The instant at which the wall clock in `zone` shows the given local date and time (first match across DST). */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Two corrections settle the zone offset, including on DST change days.
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(at, zone);
    const shown = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
    at += guess - shown;
  }
  return at;
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
