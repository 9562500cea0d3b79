import { isTimeZone } from "../interpreter/time-of-day.ts";
import type { JourneySettings } from "../model/journey.ts";
import { durationProblem } from "./durations.ts";
import type { JourneyProblem } from "./journey-problem.ts";
import { problem } from "./problem-text.ts";

/** Problems of the journey settings that fit the schema: entry rules, durations, the default time zone. */
export function settingsProblems(settings: JourneySettings): JourneyProblem[] {
  const where = "Journey settings";
  const problems: JourneyProblem[] = [];
  if (settings.reentry === "after" && settings.reentryAfter === undefined) {
    const message = `${where}: customers may enter again "after some time", but the time is not set; fill in how long they must wait`;
    problems.push(problem("reentry-after-missing", message, "settings.reentryAfter"));
  }
  problems.push(...durationProblem(settings.reentryAfter, "settings.reentryAfter", where));
  if (settings.goal) problems.push(...durationProblem(settings.goal.within, "settings.goal.within", where));
  if (!isTimeZone(settings.defaultTimezone)) {
    const message = `${where}: '${settings.defaultTimezone}' is not a time zone; use a name like "Europe/Paris" or "UTC"`;
    problems.push(problem("bad-timezone", message, "settings.defaultTimezone"));
  }
  return problems;
}
