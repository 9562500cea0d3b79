import { isTimeZone } from "../interpreter/time-of-day.ts";
import { DURATION_PATTERN } from "../model/duration.ts";
import { durationProblem } from "./durations.ts";
import type { JourneyProblem } from "./journey-problem.ts";
import { isRecord, problem } from "./problem-text.ts";

/** A duration the schema accepts (its format problems are the schema's to report), else undefined. */
function wellFormed(value: unknown): string | undefined {
  return typeof value === "string" && DURATION_PATTERN.test(value) ? value : undefined;
}

/**
 * Problems of the journey settings beyond the schema: entry rules, durations, the default time zone. Reads the
 * raw settings field by field, so one setting that does not fit the schema does not hide the others.
 */
export function settingsProblems(raw: unknown): JourneyProblem[] {
  const settings = isRecord(raw) ? raw : {};
  const where = "Journey settings";
  const problems: JourneyProblem[] = [];
  if (settings.reentry === "after" && settings.reentryAfter === undefined) {
    const message = `${where}: customers may enter again "after some time", but the time is not set; fill in how long they must wait`;
    problems.push(problem("reentry-after-missing", message, "settings.reentryAfter"));
  }
  problems.push(...durationProblem(wellFormed(settings.reentryAfter), "settings.reentryAfter", where));
  if (isRecord(settings.goal))
    problems.push(...durationProblem(wellFormed(settings.goal.within), "settings.goal.within", where));
  if (typeof settings.defaultTimezone === "string" && !isTimeZone(settings.defaultTimezone)) {
    const message = `${where}: '${settings.defaultTimezone}' is not a time zone; use a name like "Europe/Paris" or "UTC"`;
    problems.push(problem("bad-timezone", message, "settings.defaultTimezone"));
  }
  return problems;
}
