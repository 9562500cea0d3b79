import type { Json } from "@overture/core";
import { PermanentError } from "@overture/runtime";
import type { Template } from "liquidjs";
import { createTemplateEngine, templateRefusal } from "../templates/template-sandbox.ts";

/** How payload templates are parsed and rendered (lenient: a missing value prints nothing), and checked at publish. */
export const payloadLiquid = createTemplateEngine({ cache: false });
const liquid = payloadLiquid;

/** What a webhook payload template sees: the journey context's keys, `customer`, `event` and `journey`. */
export type PayloadScope = {
  customer: Record<string, Json>;
  /** The event that started the journey ({ name, properties }), or null when it was started by API. */
  event: Json;
  context: Record<string, Json>;
  journey: { id: string; version: number; stepId: string };
};

/**
 * Parses a payload template once; a syntax error (a partial too) is a PermanentError (`webhook_payload_invalid`)
 * naming the line, a template over the parse limit is `template_limit`.
 */
export function parsePayloadTemplate(template: string, stepId: string): Template[] {
  try {
    return liquid.parse(template);
  } catch (error) {
    throw refusedOr(error, "webhook_payload_invalid", `step '${stepId}': the payload template does not parse`);
  }
}

/**
 * Renders the payload and checks it is JSON (use the `json` filter for strings: `{"name": {{ customer.firstName | json }}}`).
 * Without a template the body is `{ customerId, journeyId, stepId, event, context }`. Returns the body as sent.
 */
export async function renderPayload(template: Template[] | undefined, scope: PayloadScope): Promise<string> {
  if (!template) {
    return JSON.stringify({
      customerId: scope.customer.id ?? null,
      journeyId: scope.journey.id,
      stepId: scope.journey.stepId,
      event: scope.event,
      context: scope.context,
    });
  }
  let text: string;
  try {
    text = await liquid.render(template, { ...scope.context, ...scope });
  } catch (error) {
    throw refusedOr(error, "webhook_payload_invalid", `step '${scope.journey.stepId}': the payload template failed`);
  }
  try {
    JSON.parse(text);
  } catch (error) {
    const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new PermanentError(
      "webhook_payload_invalid",
      `step '${scope.journey.stepId}': the rendered payload is not JSON (${messageOf(error)}); quote strings with the json filter. Rendered: ${excerpt}`,
    );
  }
  return text;
}

/** `template_limit` when the sandbox refused the template over a limit; else `code`, both with `what` and the reason. */
function refusedOr(error: unknown, code: string, what: string): PermanentError {
  const refused = templateRefusal(error);
  if (refused?.code === "template-limit") return new PermanentError("template_limit", `${what}: ${refused.message}`);
  return new PermanentError(code, `${what}: ${refused?.message ?? messageOf(error)}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
