import type { JourneyProblem, JourneyProblemCode } from "./journey-problem.ts";

/** Narrows an unknown value to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A readable path: ["steps", 3, "wait", "duration"] → "steps[3].wait.duration". */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** How messages name a step: its name when it has one, else its id, else its position. */
export function stepLabel(step: unknown, index: number): string {
  if (isRecord(step)) {
    if (typeof step.name === "string" && step.name.trim() !== "") return `'${step.name}'`;
    if (typeof step.id === "string" && step.id !== "") return `'${step.id}'`;
  }
  return `number ${index + 1}`;
}

/** The id of a raw step, when it has a usable one. */
export function stepIdOf(step: unknown): string | undefined {
  return isRecord(step) && typeof step.id === "string" && step.id !== "" ? step.id : undefined;
}

/** Builds a problem, leaving stepId out when there is none. */
export function problem(code: JourneyProblemCode, message: string, path: string, stepId?: string): JourneyProblem {
  return stepId === undefined ? { code, message, path } : { code, message, path, stepId };
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A short rendering of a value the user wrote, for messages. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
