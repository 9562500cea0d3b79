import { InputError } from "@overture/runtime";
import type { ChannelPreview } from "../channel-module.ts";
import { notificationSampleScope } from "../notifications/preview-notification.ts";
import { findPushStep, renderPushMessage } from "./push-render.ts";

/**
 * A push step as the customer's browser would show it, for the editor's preview: rendered for `customer` (a sample
 * customer's attributes; what the templates read and it lacks shows as a placeholder such as `[plan]`). A template
 * that does not render is a 400 naming the field.
 */
export async function previewPush(
  step: Record<string, unknown>,
  customer: Record<string, unknown>,
): Promise<ChannelPreview> {
  const fields = findPushStep({ steps: [{ ...step, id: "preview", type: "push" }] }, "preview");
  if (!fields)
    throw new InputError("invalid_input", "a push step needs a title and a body", [
      { path: "step.title", code: "required", message: "write a title and a body" },
    ]);
  const sample = await notificationSampleScope({ title: fields.title, body: fields.body, link: fields.url });
  const scope = { ...sample, customer: { ...sample.customer, ...customer } };
  try {
    const message = await renderPushMessage(fields, scope);
    return { kind: "push-card", ...message };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field = /' (title|body|url):/.exec(message)?.[1] ?? "title";
    throw new InputError("invalid_template", message, [{ path: `step.${field}`, code: "invalid_template", message }]);
  }
}
