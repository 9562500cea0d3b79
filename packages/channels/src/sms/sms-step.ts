import { type ChannelStepFields, describeTemplateText, type Json } from "@overture/core";
import { z } from "zod";
import type { ChannelStepUi } from "../channel-module.ts";
import { describeSegments } from "./segments.ts";

// The browser-safe half of the SMS channel: the editor bundle imports this file, so it imports no Node module and
// nothing that does (the Liquid sandbox, the store, the HTTP client live in sms-module.ts and its files).

/** Longest body a step may have: Twilio refuses more than 1,600 characters (10 parts of GSM-7, 23 of UCS-2). */
export const SMS_BODY_LIMIT = 1600;

/** The SMS step's own fields: its body, Liquid text rendered for each customer. */
export const smsStepFields = { body: z.string().min(1).max(SMS_BODY_LIMIT) };

/** A new SMS step as the palette inserts it. */
export const SMS_STEP_DEFAULTS = { body: "Hi {{ customer.firstName | default: 'there' }}, " };

/** The canvas card's line, in words like the other steps': "Sends SMS 'Hi first name, your order…'". */
export function smsSummary(step: ChannelStepFields): string {
  const body = typeof step.body === "string" ? describeTemplateText(step.body).replace(/\s+/g, " ").trim() : "";
  if (!body) return "Sends an SMS (no text yet)";
  return `Sends SMS '${body.length > 48 ? `${body.slice(0, 47)}…` : body}'`;
}

const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/**
 * The counter under the body: the segments of the text as written, without its Liquid tags. Counted with them, each
 * brace would cost two GSM-7 septets and `{{ customer.firstName }}` 27 characters, though neither is sent; what the
 * tags fill in differs per customer, so the preview counts the rendered text.
 */
export function smsBodyCounter(body: string): string {
  const text = body.replace(LIQUID, "");
  const counted = describeSegments(text);
  return text === body ? counted : `${counted} + variables (the preview counts them)`;
}

/** The SMS step as the core and the editor know it. */
export const smsStep: ChannelStepUi = {
  spec: {
    type: "sms",
    channel: "sms",
    label: "SMS",
    fields: smsStepFields,
    // The handler reads the body from the published version (as email does); the context travels for Liquid.
    payload: (_step, at) => ({ context: { ...at.context } as Json }),
    summary: smsSummary,
  },
  icon: "💬",
  nouns: { one: "text", many: "texts" },
  description: "Sends a text message to the customer's phone (their phone attribute), if they opted in to SMS.",
  defaults: SMS_STEP_DEFAULTS,
  panel: [
    {
      kind: "template",
      key: "body",
      label: "Message",
      help: "Liquid: {{ customer.firstName }}, {{ event.… }}. One emoji or accented letter outside GSM-7 makes every part shorter (70 instead of 160).",
      rows: 5,
      required: true,
      counter: smsBodyCounter,
    },
  ],
  preview: "text-message",
  settings: {
    path: "/v1/channels/sms/settings",
    title: "SMS account",
    help: "The account your texts are sent with: a provider speaking Twilio's Messages API. Under npm start, texts go to the development SMS inbox at /sms until you save one.",
    fields: [
      { key: "accountSid", label: "Account SID", placeholder: "AC…" },
      { key: "authToken", label: "Auth token", secret: true, hint: "kept encrypted; leave as shown to keep it" },
      { key: "from", label: "From", placeholder: "+14155550100 or MG…" },
      { key: "apiBase", label: "API address", placeholder: "https://api.twilio.com" },
    ],
  },
};
