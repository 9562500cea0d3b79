import { parseDuration } from "../model/duration.ts";
import type { CustomerEvent } from "../model/instance.ts";
import type { SegmentWindow } from "./segment-rule.ts";

/**
 * The events a window holds at `now`, and when that could change with no new event. `events` is null when the window
 * does not exist (an `after-event` window whose anchor event never happened): the rule then does not hold.
 */
export type Windowed = { events: CustomerEvent[] | null; recheckAt: number | null };

/** The earliest of some times that are still to come after `now`; null when none is. */
export function earliestAfter(now: number, times: Iterable<number | null>): number | null {
  let best: number | null = null;
  for (const t of times) if (t !== null && t > now && (best === null || t < best)) best = t;
  return best;
}

/** The last event of that name at or before `now`, the anchor of an `after-event` window. */
export function lastEventNamed(events: readonly CustomerEvent[], name: string, now: number): CustomerEvent | undefined {
  let last: CustomerEvent | undefined;
  for (const e of events) if (e.name === name && e.at <= now && (!last || e.at >= last.at)) last = e;
  return last;
}

/**
 * Keeps the `matching` events (already filtered by name and properties, none after now) that fall in the window.
 * Boundaries: "within 7d" holds an event while less than 7 days have passed since it, so it leaves exactly at
 * `at + 7d`; an `after-event` window runs from the anchor (itself excluded) up to, not including, `anchor + within`.
 */
export function inWindow(
  window: SegmentWindow | undefined,
  matching: readonly CustomerEvent[],
  all: readonly CustomerEvent[],
  now: number,
): Windowed {
  if (!window || window.type === "ever") return { events: [...matching], recheckAt: null };
  switch (window.type) {
    case "within": {
      const span = parseDuration(window.duration);
      if (span === null) return { events: null, recheckAt: null };
      const events = matching.filter((e) => now - e.at < span);
      return {
        events,
        recheckAt: earliestAfter(
          now,
          events.map((e) => e.at + span),
        ),
      };
    }
    case "since": {
      const from = Date.parse(window.date);
      if (Number.isNaN(from)) return { events: null, recheckAt: null };
      return { events: matching.filter((e) => e.at >= from), recheckAt: earliestAfter(now, [from]) };
    }
    case "after-event": {
      const span = parseDuration(window.within);
      const anchor = lastEventNamed(all, window.event, now);
      if (span === null || !anchor) return { events: null, recheckAt: null };
      const end = anchor.at + span;
      const events = matching.filter((e) => e !== anchor && e.at >= anchor.at && e.at < end);
      // Counts in a closed window cannot change, but a rule may be written to wait for the window to close: recheck.
      return { events, recheckAt: earliestAfter(now, [end]) };
    }
  }
}
