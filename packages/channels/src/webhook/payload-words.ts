import type { Template } from "liquidjs";
import { liquidProblem } from "../email/liquid.ts";
import { payloadLiquid } from "./render-payload.ts";

/**
 * A payload template parsed for a preview or a test call, or what is wrong with it in the author's words: which step,
 * and the piece they typed ("The payload of step 'Tell billing' has a mistake: `{{ customer.first_name }` is missing
 * its closing `}}`"), never liquidjs's line and column in the text.
 */
export function parsePayloadForPreview(
  source: string,
  stepName: string,
): { template: Template[] } | { message: string } {
  try {
    return { template: payloadLiquid.parse(source) };
  } catch (error) {
    return {
      message: `The payload of ${stepLabel(stepName)} has a mistake: ${liquidProblem(error, "payload", source).message}`,
    };
  }
}

/** A render failure of a payload, for a preview: the step named, the cause said plainly. */
export function payloadRenderWords(message: string, stepName: string): string {
  const where = `The payload of ${stepLabel(stepName)}`;
  if (message.includes("the rendered payload is not JSON"))
    return `${where} is not JSON once filled in with a sample customer: a text value needs quotes. Use the field builder, or write {{ customer.first_name | json }}.`;
  return `${where} could not be filled in: ${message.replace(/^step '[^']*': /, "").replace(/, line:\d+, col:\d+/g, "")}`;
}

function stepLabel(stepName: string): string {
  return stepName.trim() ? `step '${stepName.trim()}'` : "this step";
}
