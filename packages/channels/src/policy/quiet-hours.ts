import { isTimeZone, nextTimeOfDay } from "@overture/core";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes since local midnight at `at` in `zone`. */
function localMinutes(at: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", hour: "numeric", minute: "numeric" });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return Number(parts.hour) * 60 + Number(parts.minute);
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * When quiet hours hold at `now` in `zone`, the instant they end (the next `end` on the local wall clock); null when
 * sending is allowed now. The window may cross midnight ("21:00"–"08:00"); `end` itself is outside it.
 */
export function quietHoursEnd(now: number, window: { start: string; end: string }, zone: string): number | null {
  const minute = localMinutes(now, zone);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  return quiet ? nextTimeOfDay(now, window.end, zone) : null;
}

/** The customer's `timezone` attribute when it is a known IANA zone, else the fallback. */
export function customerTimeZone(attributes: Record<string, unknown>, fallback: string): string {
  const zone = attributes.timezone;
  return typeof zone === "string" && isTimeZone(zone) ? zone : fallback;
}
