import { type Operation, pathOf, type ResponseOf } from "@overture/api-contract";

/** Where an answer departs from its operation's schema, in the shape of the API's own problems. */
export type AnswerProblem = { path: string; code: string; message: string };

/**
 * Parses a success answer with its operation's response schema. A server and an editor built together agree; when
 * they do not (an old tab after a deploy, a proxy's page, a renamed field) the editor says so at once, naming the
 * field, instead of drawing blanks or crashing three components later.
 */
export function checkAnswer<O extends Operation>(
  operation: O,
  json: unknown,
): { ok: true; data: ResponseOf<O> } | { ok: false; problems: AnswerProblem[] } {
  const parsed = operation.response.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data as ResponseOf<O> };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      code: issue.code,
      message: issue.message,
    })),
  };
}

/** The URL of an operation: its path with `params` filled in, then the query parameters that have a value (not empty). */
export function urlOf(
  operation: Pick<Operation, "path">,
  params: Record<string, string | number> = {},
  query: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== "") search.set(name, String(value));
  const text = search.toString();
  return pathOf(operation, params) + (text ? `?${text}` : "");
}
