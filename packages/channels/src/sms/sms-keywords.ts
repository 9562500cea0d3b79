import type { Json } from "@overture/core";
import type { Store } from "@overture/runtime";
import { findCustomersByPhone } from "./customer-by-phone.ts";

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
  | { type: "consent"; customerIds: string[]; sms: boolean }
  | { type: "ignored"; reason: "not-a-keyword" | "unknown-phone" };

/**
 * Applies an inbound text: STOP and its synonyms set `consent.sms` to false, START and its synonyms to true, for
 * every customer whose `phone` is the sender (the phone's owner answers for the phone: a profile sharing it must not
 * keep texting it). The rest of `consent` is kept (email consent is its own). Each change is also an event
 * (`sms.opted_out` / `sms.opted_in`, its id made from the provider's message id, so a webhook the provider retries
 * is recorded once) that journeys can react to.
 */
export async function applyInboundSms(
  store: Pick<Store, "customersWithAttribute" | "upsertCustomers" | "insertEvents">,
  input: { workspaceId: string; from: string; body: string; messageId: string; now: number },
): Promise<InboundOutcome> {
  const keyword = smsKeyword(input.body);
  if (!keyword) return { type: "ignored", reason: "not-a-keyword" };
  const customers = await findCustomersByPhone(store, input.workspaceId, input.from);
  if (customers.length === 0) return { type: "ignored", reason: "unknown-phone" };
  const sms = keyword === "start";
  await store.upsertCustomers(
    input.workspaceId,
    customers.map((c) => ({ id: c.id, attributes: withSmsConsent(c.attributes, sms) })),
    input.now,
  );
  await store.insertEvents(
    customers.map((c) => ({
      workspaceId: input.workspaceId,
      id: `sms-${input.messageId}-${c.id}`,
      customerId: c.id,
      name: sms ? "sms.opted_in" : "sms.opted_out",
      properties: { keyword: input.body.trim().toUpperCase() },
      at: input.now,
      receivedAt: input.now,
    })),
  );
  return { type: "consent", customerIds: customers.map((c) => c.id), sms };
}

/** The attributes to merge: `consent` with `sms` set and the rest kept, and a flat `consent.sms` if the profile has one. */
function withSmsConsent(attributes: Record<string, Json>, sms: boolean): Record<string, Json> {
  const consent = attributes.consent;
  const set: Record<string, Json> = { consent: { ...(isObject(consent) ? consent : {}), sms } };
  // A flat "consent.sms" attribute would otherwise keep the old answer (the policy reads both).
  if ("consent.sms" in attributes) set["consent.sms"] = sms;
  return set;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
