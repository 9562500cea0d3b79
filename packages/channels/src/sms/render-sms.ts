import type { Json } from "@overture/core";
import type { TemplateProblem } from "../email/email-problem.ts";
import { liquidProblem, textLiquid } from "../email/liquid.ts";

/** What an SMS body is rendered with: the customer, the triggering event and the journey context. */
export type SmsContext = {
  customer: Record<string, unknown> & { id: string };
  event: Record<string, unknown>;
  [key: string]: unknown;
};

/** The variables every SMS can use; the journey context (`trigger`, recommend results) comes on top. */
export const SMS_VARIABLES = ["customer", "event", "journey", "trigger"] as const;

/**
 * The Liquid context of one SMS: `customer` (id and attributes), `event` (the triggering event's properties) and the
 * journey context at top level, as for email.
 */
export function buildSmsContext(
  customer: { id: string; attributes: Record<string, Json> },
  journeyContext: Record<string, Json>,
): SmsContext {
  const trigger = journeyContext.trigger;
  const event = isObject(trigger) && isObject(trigger.properties) ? trigger.properties : {};
  return { ...journeyContext, customer: { ...customer.attributes, id: customer.id }, event };
}

/**
 * Renders an SMS body in the template sandbox (the engine of email subjects: plain text, a variable without
 * `| default:` is required, no partials, bounded time and size). The text, or the problem with its line and column.
 */
export async function renderSms(
  body: string,
  context: SmsContext,
): Promise<{ text: string } | { problem: TemplateProblem<"body"> }> {
  try {
    return { text: (await textLiquid.parseAndRender(body, context)).trim() };
  } catch (error) {
    return { problem: liquidProblem(error, "body", body) };
  }
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
