import { InputError, type Problem } from "@overture/runtime";
import type { Context } from "hono";
import type { z } from "zod";

/** Formats a zod issue path the way people read it: `events[3].properties.plan`. */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Every problem zod found, as API problems; `prefix` places them inside a larger body (e.g. `events[2]`). */
export function zodProblems(error: z.ZodError, prefix = ""): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, prefix),
    code: issue.code,
    message: issue.message,
  }));
}

/** Validates `value` with `schema`, or throws InputError(`code`) naming every problem. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  code = "invalid_input",
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = zodProblems(result.error);
  throw new InputError(
    code,
    `The ${what} is not valid: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`,
    problems,
  );
}

/** How deeply objects and arrays may nest in a body; deeper ones would exhaust the stack wherever they are walked. */
export const MAX_JSON_DEPTH = 100;

/**
 * The request body as JSON (undefined when empty); InputError("invalid_json") when it does not parse, and
 * InputError("invalid_input") when it nests deeper than {@link MAX_JSON_DEPTH}.
 */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "unreadable body";
    throw new InputError("invalid_json", `The request body is not valid JSON: ${detail}`, [
      { path: "", code: "invalid_json", message: detail },
    ]);
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    const message = `objects and arrays may nest at most ${MAX_JSON_DEPTH} levels deep`;
    throw new InputError("invalid_input", `The request body is nested too deeply: ${message}.`, [
      { path: "", code: "too_deep", message },
    ]);
  }
  return value;
}

/** The deepest nesting of objects and arrays in valid JSON text, found without recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) max = Math.max(max, ++depth);
    else if (ch === 125 || ch === 93) depth--;
  }
  return max;
}
