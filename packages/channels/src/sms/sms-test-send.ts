import { randomUUID } from "node:crypto";
import type { Json } from "@overture/core";
import { InputError, PermanentError, TransientError } from "@overture/runtime";
import { z } from "zod";
import type { ChannelDeps } from "../channel-module.ts";
import { buildSmsContext, renderSms } from "./render-sms.ts";
import { countSegments } from "./segments.ts";
import { smsAccountOf } from "./sms-account.ts";
import { isE164 } from "./sms-settings.ts";
import { SMS_BODY_LIMIT } from "./sms-step.ts";
import { sendTwilioSms } from "./twilio-client.ts";

/** A test send from the editor: a step's body, to the author's own phone, rendered for a customer or a sample. */
export const smsTestSendInput = z.object({
  to: z.string().describe("E.164 phone number"),
  body: z.string().min(1).max(SMS_BODY_LIMIT),
  customerId: z.string().optional().describe("render for this customer (default: a sample customer)"),
});

/** What a test send answers. */
export const smsTestSendAnswer = z.object({
  sid: z.string(),
  to: z.string(),
  body: z.string(),
  segments: z.number(),
  encoding: z.string(),
});

/**
 * Sends one SMS now, outside journeys and the delivery policy, through the workspace's account (or the dev sink):
 * the editor's "test send". Errors name the field (`to`, `body`, `customerId`); a provider refusal is a 400 with its
 * message, a provider out of service or no account at all a 503.
 */
export async function sendTestSms(
  deps: Pick<ChannelDeps, "store" | "secrets" | "devSinks" | "clock">,
  workspaceId: string,
  body: unknown,
): Promise<z.infer<typeof smsTestSendAnswer>> {
  const parsed = smsTestSendInput.safeParse(body);
  if (!parsed.success)
    throw new InputError(
      "invalid_input",
      "the test SMS is not valid",
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", code: i.code, message: i.message })),
    );
  const input = parsed.data;
  if (!isE164(input.to)) throw fieldError("to", "invalid_format", `${input.to} is not in E.164 (+14155550100)`);
  const customer = input.customerId
    ? await deps.store.getCustomer(workspaceId, input.customerId)
    : { id: "sample-customer", attributes: { firstName: "Alex", lastName: "Martin" } as Record<string, Json> };
  if (!customer) throw fieldError("customerId", "not_found", `no customer ${input.customerId}`, "not_found");
  const rendered = await renderSms(
    input.body,
    buildSmsContext(customer, { trigger: { name: "test", properties: {} } }),
  );
  if ("problem" in rendered) {
    const p = rendered.problem;
    throw fieldError("body", p.code, `line ${p.line}, column ${p.column}: ${p.message}`);
  }
  const account = await smsAccountOf(deps, workspaceId);
  if (!account)
    throw new InputError("unavailable", "the workspace has no SMS settings (PUT /v1/channels/sms/settings)");
  try {
    const sent = await sendTwilioSms(account, {
      to: input.to,
      body: rendered.text,
      key: `test-${randomUUID()}`,
      workspaceId,
    });
    const counted = countSegments(rendered.text);
    return { sid: sent.sid, to: input.to, body: rendered.text, segments: counted.segments, encoding: counted.encoding };
  } catch (error) {
    if (error instanceof PermanentError) throw fieldError("to", "sms_rejected", error.message);
    if (error instanceof TransientError) throw new InputError("unavailable", error.message);
    throw error;
  }
}

function fieldError(path: string, code: string, message: string, errorCode = "invalid_input"): InputError {
  return new InputError(errorCode, `${path}: ${message}`, [{ path, code, message }]);
}
