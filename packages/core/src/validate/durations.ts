import type { Condition } from "../model/condition.ts";
import { parseDuration } from "../model/duration.ts";
import type { JourneyProblem } from "./journey-problem.ts";
import { problem } from "./problem-text.ts";

/** The longest duration a journey may use; longer ones are almost always a typing mistake ("700d"). */
export const MAX_DURATION_MS = 10 * 366 * 86_400_000;

/**
 * A `bad-duration` problem for a duration that fits the pattern but cannot be used: zero ("0d") or longer than
 * ten years. `where` names the step or the settings for the message.
 */
export function durationProblem(
  text: string | undefined,
  path: string,
  where: string,
  stepId?: string,
): JourneyProblem[] {
  if (text === undefined) return [];
  const ms = parseDuration(text);
  if (ms === null)
    return [
      problem(
        "bad-duration",
        `${where}: '${text}' is not a duration longer than zero; write it like "30m", "2h", "7d" or "1w"`,
        path,
        stepId,
      ),
    ];
  if (ms > MAX_DURATION_MS)
    return [problem("bad-duration", `${where}: '${text}' is longer than ten years`, path, stepId)];
  return [];
}

/** Duration problems inside a branch condition (event windows, at any depth). */
export function conditionDurationProblems(
  condition: Condition,
  path: string,
  where: string,
  stepId: string,
): JourneyProblem[] {
  switch (condition.type) {
    case "event":
      return typeof condition.since === "object"
        ? durationProblem(condition.since.within, `${path}.since.within`, where, stepId)
        : [];
    case "all":
    case "any":
      return condition.conditions.flatMap((c, i) =>
        conditionDurationProblems(c, `${path}.conditions[${i}]`, where, stepId),
      );
    case "not":
      return conditionDurationProblems(condition.condition, `${path}.condition`, where, stepId);
    default:
      return [];
  }
}
