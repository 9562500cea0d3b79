import type { z } from "zod";
import { DURATION_PATTERN } from "../model/duration.ts";
import type { JourneyProblem } from "./journey-problem.ts";
import { formatPath, isRecord, problem, showValue, stepIdOf, stepLabel } from "./problem-text.ts";

type Issue = z.ZodError["issues"][number];

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  null: "null",
};

/** What is wrong, in words; `field` is the path inside the step (or settings), quoted, or "" for the thing itself. */
function whatIsWrong(issue: Issue, field: string, value: unknown): string {
  const subject = field === "" ? "it" : field;
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return `${subject} is missing`;
      return `${subject} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${showValue(value)}`;
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator && "options" in issue && Array.isArray(issue.options)) {
        const options = issue.options.map(String).join(", ");
        if (field === "'type'") return `${showValue(value)} is not a kind of step; use one of: ${options}`;
        return value === undefined
          ? `${subject} is missing; use one of: ${options}`
          : `${subject} ${showValue(value)} must be one of: ${options}`;
      }
      return `${subject} ${showValue(value)} is not valid`;
    case "invalid_format":
      if ("pattern" in issue && issue.pattern === String(DURATION_PATTERN)) {
        return `${subject} ${showValue(value)} is not a duration; write it like "30m", "2h", "7d" or "1w"`;
      }
      if (issue.format === "datetime")
        return `${subject} ${showValue(value)} is not a date and time like "2025-01-31T09:00:00Z"`;
      return `${subject} ${showValue(value)} is not valid: ${issue.message}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? `${subject} must not be empty` : `${subject} must be at least ${min} characters`;
      if (issue.origin === "array") return `${subject} needs at least ${min} item${min === 1 ? "" : "s"}`;
      return `${subject} must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `${subject} must be at most ${max} characters`;
      if (issue.origin === "array") return `${subject} may have at most ${max} items`;
      return `${subject} must be at most ${max}`;
    }
    case "invalid_value":
      if (issue.values.length === 1) return `${subject} must be ${showValue(issue.values[0])}`;
      return `${subject} must be one of: ${issue.values.map((v) => showValue(v)).join(", ")}`;
    default:
      return `${subject}: ${issue.message}`;
  }
}

/**
 * Turns the schema's issues into problems: a readable path, the id of the step concerned (steps[3] → that step's
 * id when it has one) and a message naming the step. Duration format errors get the code `bad-duration`.
 */
export function schemaProblems(issues: readonly Issue[], document: unknown): JourneyProblem[] {
  return issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    const value = valueAt(document, path);
    const code =
      issue.code === "invalid_format" && "pattern" in issue && issue.pattern === String(DURATION_PATTERN)
        ? "bad-duration"
        : "schema";
    if (path.length === 0)
      return problem("schema", `The journey must be a JSON object with a name and steps, not ${showValue(value)}`, "");
    const steps = isRecord(document) ? document.steps : undefined;
    if (path[0] === "steps" && typeof path[1] === "number" && Array.isArray(steps)) {
      const raw = steps[path[1]];
      const inner = path.slice(2);
      const field = inner.length === 0 ? "" : `'${formatPath(inner)}'`;
      const message =
        inner.length === 0 && !isRecord(raw)
          ? `Step ${stepLabel(raw, path[1])} must be an object describing a step, not ${showValue(raw)}`
          : `Step ${stepLabel(raw, path[1])}: ${whatIsWrong(issue, field, value)}`;
      return problem(code, message, formatPath(path), stepIdOf(raw));
    }
    const where = path[0] === "settings" ? "Journey settings" : "The journey";
    const inner = path[0] === "settings" ? path.slice(1) : path;
    return problem(
      code,
      `${where}: ${whatIsWrong(issue, inner.length === 0 ? "" : `'${formatPath(inner)}'`, value)}`,
      formatPath(path),
    );
  });
}
