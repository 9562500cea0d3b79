import type { Json } from "@overture/core";
import { InputError } from "@overture/runtime";
import type { ChannelDeps, ChannelPreview } from "../channel-module.ts";
import { buildSmsContext, renderSms } from "./render-sms.ts";
import { countSegments } from "./segments.ts";
import { smsAccountOf } from "./sms-account.ts";

/**
 * The editor's preview of an SMS step for one sample customer: the rendered text, who would send it to whom, and
 * what it costs in segments. A body that does not render is an input error naming `step.body`, line and column.
 */
export async function previewSms(
  input: { workspaceId: string; step: Record<string, unknown>; customer: Record<string, unknown> },
  deps: Pick<ChannelDeps, "store" | "secrets" | "devSinks">,
): Promise<ChannelPreview> {
  const body = typeof input.step.body === "string" ? input.step.body : "";
  const { id, ...attributes } = input.customer;
  const customer = {
    id: typeof id === "string" ? id : "sample-customer",
    attributes: attributes as Record<string, Json>,
  };
  const rendered = await renderSms(
    body,
    buildSmsContext(customer, { trigger: { name: "sample.event", properties: {} } }),
  );
  if ("problem" in rendered) {
    const p = rendered.problem;
    throw new InputError("invalid_input", `the SMS body does not render: ${p.message}`, [
      { path: "step.body", code: p.code, message: `line ${p.line}, column ${p.column}: ${p.message}` },
    ]);
  }
  const account = await smsAccountOf(deps, input.workspaceId).catch(() => null);
  const counted = countSegments(rendered.text);
  return {
    kind: "text-message",
    ...(account ? { from: account.from } : {}),
    ...(typeof attributes.phone === "string" ? { to: attributes.phone } : {}),
    body: rendered.text,
    segments: counted.segments,
    encoding: counted.encoding,
  };
}
