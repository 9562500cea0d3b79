import type { Json } from "@overture/core";
import { PermanentError } from "@overture/runtime";
import { createTemplateEngine, templateRefusal } from "../templates/template-sandbox.ts";
import type { PushMessage } from "./push-send.ts";

/**
 * How a push step's title, body and url are rendered, and checked at publish: the house Liquid convention, as for
 * email and notifications (a printed variable without `| default:` is required; filters must exist).
 */
export const pushLiquid = createTemplateEngine({
  strictVariables: true,
  lenientIf: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 500,
});

/** A push step's own fields, read defensively from a published document. */
export type PushStepFields = { id: string; title: string; body: string; url?: string; icon?: string };

/** The push step `stepId` of a version's document, or null when it has none (the document may be anything). */
export function findPushStep(document: unknown, stepId: string): PushStepFields | null {
  const steps = (document as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return null;
  const step = steps.find((s) => (s as { id?: unknown })?.id === stepId) as Record<string, unknown> | undefined;
  if (step?.type !== "push" || typeof step.title !== "string" || typeof step.body !== "string") return null;
  return {
    id: stepId,
    title: step.title,
    body: step.body,
    ...(typeof step.url === "string" && step.url !== "" ? { url: step.url } : {}),
    ...(typeof step.icon === "string" && step.icon !== "" ? { icon: step.icon } : {}),
  };
}

/** What the templates can read: the journey context, `customer`, `event` (the triggering event) and `journey`. */
export function pushScope(
  context: Record<string, Json>,
  customer: { id: string; attributes: Record<string, Json> },
  journey: { id: string; version: number; stepId: string },
): Record<string, unknown> {
  return {
    ...context,
    customer: { ...customer.attributes, id: customer.id },
    event: context.trigger ?? null,
    journey,
  };
}

/**
 * The message as the customer's browser shows it. A template that does not render is a PermanentError: no retry
 * renders it (`template_limit` for the sandbox's limits, `template_error` otherwise), naming the step and field.
 */
export async function renderPushMessage(step: PushStepFields, scope: Record<string, unknown>): Promise<PushMessage> {
  const render = async (field: string, template: string) => {
    try {
      return ((await pushLiquid.parseAndRender(template, scope)) as string).trim();
    } catch (error) {
      const refused = templateRefusal(error);
      const why = refused?.message ?? (error instanceof Error ? error.message : String(error));
      const code = refused?.code === "template-limit" ? "template_limit" : "template_error";
      throw new PermanentError(code, `${code}: push step '${step.id}' ${field}: ${why}`);
    }
  };
  return {
    title: await render("title", step.title),
    body: await render("body", step.body),
    ...(step.url ? { url: await render("url", step.url) } : {}),
    ...(step.icon ? { icon: step.icon } : {}),
  };
}
