import { describeDuration, formatDuration, parseDuration, type Step } from "@overture/core";

const DAY_MS = 86_400_000;

/** A span in words, whole days said as days (a marketer counts "10 days", not "1 week 3 days"). */
export function describeSpan(ms: number): string {
  if (ms % DAY_MS === 0) {
    const days = ms / DAY_MS;
    return `${days} day${days === 1 ? "" : "s"}`;
  }
  return describeDuration(formatDuration(ms));
}

/** The time since entry as the time axis says it: "Day 0", "Day 3", or "+2 hours" within the first day. */
export function describeElapsed(ms: number): string {
  if (ms % DAY_MS === 0) return `Day ${ms / DAY_MS}`;
  return `+${describeSpan(ms)}`;
}

/** The time axis label of a column whose steps are reached between `min` and `max` after entry. */
export function describeElapsedRange(min: number, max: number): string {
  return min === max ? describeElapsed(min) : `${describeElapsed(min)} – ${describeElapsed(max)}`;
}

/** How much later a customer leaving `step` by `exit` is than when they reached it, at the earliest. */
export function delayOf(step: Step, exit: string): number {
  if (step.type === "wait" && step.wait.type === "duration") return parseDuration(step.wait.duration) ?? 0;
  if (step.type === "wait-for-event" && exit === "timeout") return parseDuration(step.timeout) ?? 0;
  return 0;
}

/** What a wait's marker on the time axis says: "+7 days", or when it waits for ("until 09:00"). */
export function waitMarkerLabel(step: Step): string {
  if (step.type === "exit") return "End";
  if (step.type !== "wait") return "";
  const wait = step.wait;
  if (wait.type === "duration") {
    const ms = parseDuration(wait.duration);
    return ms === null ? wait.duration : `+${describeSpan(ms)}`;
  }
  if (wait.type === "time-of-day") return `until ${wait.time}`;
  return `until ${wait.date.slice(0, 10)}`;
}
