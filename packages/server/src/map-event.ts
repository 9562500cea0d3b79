import { EventInput } from "@overture/api-contract";
import type { Json } from "@overture/core";
import { type IncomingEvent, type Problem, UNSTORABLE_TEXT_MESSAGE, unstorableTextPath } from "@overture/runtime";
import type { MappedItem } from "./ingest.ts";
import { zodProblems } from "./parse-request.ts";

/**
 * Validates one event of the ingestion API and turns it into what the runtime stores. Pure: a batch calls it once per
 * item, so a bad event is reported with its own problems and does not sink the others.
 */
export function mapEvent(raw: unknown): MappedItem {
  const parsed = EventInput.safeParse(raw);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error);
    return {
      ok: false,
      code: "invalid_event",
      message: `The event is not valid: ${problems.map((p) => `${p.path || "event"}: ${p.message}`).join("; ")}`,
      problems,
    };
  }
  const input = parsed.data;
  const unstorable = unstorableTextProblem(input);
  if (unstorable)
    return {
      ok: false,
      code: "invalid_event",
      message: `The event is not valid: ${unstorable.message}`,
      problems: [unstorable],
    };
  // The body came from JSON.parse, so property values are JSON already.
  const event: IncomingEvent = {
    name: input.name,
    customerId: input.customerId,
    properties: (input.properties ?? {}) as Record<string, Json>,
  };
  if (input.id !== undefined) event.id = input.id;
  const at = timestampMs(input.timestamp);
  if (at !== undefined) event.at = at;
  if (input.attributes !== undefined) event.attributes = input.attributes as Record<string, Json>;
  return { ok: true, event };
}

/**
 * A NUL character or a lone surrogate in any text of `value` (no store can keep them), as a problem naming where it
 * is in the request item (`properties.note`); null when there is none.
 */
export function unstorableTextProblem(value: unknown): Problem | null {
  const path = unstorableTextPath(value);
  return path === null
    ? null
    : { path, code: "unstorable_text", message: `${path || "value"}: ${UNSTORABLE_TEXT_MESSAGE}` };
}

/** The time an event happened, in epoch milliseconds, from what the client sent. */
function timestampMs(value: string | number | undefined): number | undefined {
  return typeof value === "string" ? Date.parse(value) : value;
}
