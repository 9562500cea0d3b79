import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";
import { findCustomerByPhone } from "./customer-by-phone.ts";

/** The opt-out keywords carriers and Twilio recognise, and the opt-in ones. */
const STOP = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const START = new Set(["START", "YES", "UNSTOP"]);

/** What an inbound text asks for: opt out, opt in, or nothing (an ordinary reply). */
export type SmsKeyword = "stop" | "start" | null;

/** The keyword of an inbound body: the whole text, trimmed, any case ("Stop", " stop. " is not one: Twilio's rule). */
export function smsKeyword(body: string): SmsKeyword {
  const word = body.trim().toUpperCase();
  if (STOP.has(word)) return "stop";
  if (START.has(word)) return "start";
  return null;
}

/** What an inbound text did. */
export type InboundOutcome =
  | { type: "consent"; customerId: string; sms: boolean }
  | { type: "ignored"; reason: "not-a-keyword" | "unknown-phone" };

/**
 * Applies an inbound text: STOP and its synonyms set the sender's `consent.sms` to false, START and its synonyms to
 * true; the customer is the one whose `phone` is the sender. The rest of `consent` is kept (email consent is its
 * own). Each change is also an event (`sms.opted_out` / `sms.opted_in`, id = the provider's message id, so a
 * provider retrying the webhook records it once) that journeys can react to.
 */
export async function applyInboundSms(
  store: Pick<Store, "sql" | "upsertCustomers" | "insertEvents">,
  input: { workspaceId: string; from: string; body: string; messageId: string; now: number },
): Promise<InboundOutcome> {
  const keyword = smsKeyword(input.body);
  if (!keyword) return { type: "ignored", reason: "not-a-keyword" };
  const customer = await findCustomerByPhone(store, input.workspaceId, input.from);
  if (!customer) return { type: "ignored", reason: "unknown-phone" };
  const sms = keyword === "start";
  const consent = customer.attributes.consent;
  const set: Record<string, Json> = {
    consent: { ...(isObject(consent) ? consent : {}), sms },
  };
  // A flat "consent.sms" attribute would otherwise keep the old answer (the policy reads both).
  if ("consent.sms" in customer.attributes) set["consent.sms"] = sms;
  await store.upsertCustomers(input.workspaceId, [{ id: customer.id, attributes: set }], input.now);
  await store.insertEvents([
    {
      workspaceId: input.workspaceId,
      id: `sms-${input.messageId}`,
      customerId: customer.id,
      name: sms ? "sms.opted_in" : "sms.opted_out",
      properties: { keyword: input.body.trim().toUpperCase() },
      at: input.now,
      receivedAt: input.now,
    },
  ]);
  return { type: "consent", customerId: customer.id, sms };
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
