import { InputError } from "@overture/runtime";
import { z } from "zod";
import type { ChannelRoute, ChannelRouteInput } from "../channel-module.ts";
import { smsAccountOf } from "./sms-account.ts";
import { applyInboundSms } from "./sms-keywords.ts";
import { smsSettingsStore, smsSettingsView } from "./sms-settings.ts";
import { sendTestSms, smsTestSendAnswer, smsTestSendInput } from "./sms-test-send.ts";
import { isTwilioSignatureValid } from "./twilio-signature.ts";

const settingsView = z.object({
  accountSid: z.string(),
  authToken: z.string().describe("masked: ••••abcd"),
  from: z.string(),
  apiBase: z.string(),
  updatedAt: z.number(),
});

const settingsAnswer = z.object({
  settings: settingsView.nullable(),
  /** True when the workspace has no settings and sends to the dev SMS sink (`npm start`). */
  usesDevSink: z.boolean(),
});

const settingsInput = z.object({
  accountSid: z.string().describe("AC followed by 32 hex digits"),
  authToken: z.string().optional().describe("omit, or send the masked value, to keep the stored token"),
  from: z.string().describe("E.164 phone number or Messaging Service SID (MG…)"),
  apiBase: z.string().optional().describe("default https://api.twilio.com"),
});

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** GET and PUT of a workspace's SMS settings (secret key), and the inbound webhook Twilio posts replies to. */
export const smsRoutes: ChannelRoute[] = [
  {
    method: "get",
    path: "/v1/channels/sms/settings",
    operationId: "getSmsSettings",
    summary: "The workspace's SMS account (the auth token masked)",
    auth: "secret",
    success: { status: 200, description: "The settings, or null when none are saved", schema: settingsAnswer },
    async handle({ deps, workspaceId }) {
      const settings = await smsSettingsStore(deps.store, deps.secrets).get(workspaceId);
      return {
        settings: settings ? smsSettingsView(settings) : null,
        usesDevSink: !settings && deps.devSinks.has("sms"),
      };
    },
  },
  {
    method: "put",
    path: "/v1/channels/sms/settings",
    operationId: "putSmsSettings",
    summary: "Saves the workspace's Twilio account SID, auth token, sender and API address",
    description: "The auth token is sealed at rest and never returned; send it masked or omit it to keep it.",
    auth: "secret",
    body: settingsInput,
    success: { status: 200, description: "The saved settings (the auth token masked)", schema: settingsView },
    errors: [400],
    async handle({ deps, workspaceId, body }) {
      const parsed = settingsInput.safeParse(body);
      if (!parsed.success)
        throw new InputError(
          "invalid_input",
          "the SMS settings are not valid",
          parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", code: i.code, message: i.message })),
        );
      return smsSettingsStore(deps.store, deps.secrets).put(workspaceId, parsed.data, deps.clock.now());
    },
  },
  {
    method: "post",
    path: "/v1/channels/sms/test",
    operationId: "testSms",
    summary: "Sends an SMS step's body now to one phone (the editor's test send), outside journeys and the policy",
    auth: "secret",
    body: smsTestSendInput,
    success: { status: 200, description: "What was sent", schema: smsTestSendAnswer },
    errors: [400, 404, 503],
    handle: ({ deps, workspaceId, body }) => sendTestSms(deps, workspaceId, body),
  },
  {
    method: "post",
    path: "/v1/channels/sms/inbound/:workspaceId",
    operationId: "receiveSms",
    summary: "Twilio's inbound message webhook: STOP and START keywords set the sender's SMS consent",
    description:
      "Set as the number's 'A message comes in' webhook. Signed by Twilio (X-Twilio-Signature) with the workspace's auth token; answers TwiML.",
    auth: "none",
    form: true,
    success: { status: 200, description: "TwiML <Response/>" },
    errors: [400, 403],
    handle: receiveSms,
  },
];

/** Verifies Twilio's signature, applies a keyword, and answers empty TwiML (Twilio itself confirms STOP). */
export async function receiveSms(input: ChannelRouteInput): Promise<Response> {
  const workspaceId = input.params.workspaceId ?? input.workspaceId;
  const params = formFields(input.body);
  const account = await smsAccountOf(input.deps, workspaceId);
  const signature = input.headers.get("x-twilio-signature");
  // Behind a proxy, Twilio signed the public address rather than the one the request reached.
  const urls = [input.url, publicAddress(input)].filter((u): u is string => u !== null);
  if (!account || !urls.some((url) => isTwilioSignatureValid(account.authToken, url, params, signature)))
    throw new InputError("forbidden", "the X-Twilio-Signature header does not match this workspace's SMS account", [
      { path: "headers.x-twilio-signature", code: "invalid_signature", message: "not Twilio's signature for this URL" },
    ]);
  const from = params.From;
  if (!from)
    throw new InputError("invalid_input", "an inbound message needs From", [
      { path: "From", code: "required", message: "the sender's phone number" },
    ]);
  const outcome = await applyInboundSms(input.deps.store, {
    workspaceId,
    from,
    body: params.Body ?? "",
    messageId: params.MessageSid ?? params.SmsSid ?? `${from}-${input.deps.clock.now()}`,
    now: input.deps.clock.now(),
  });
  if (outcome.type === "ignored" && outcome.reason === "unknown-phone")
    console.warn(`sms inbound: workspace ${workspaceId}: a keyword from a phone no customer has, ignored`);
  return new Response(TWIML, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
}

function formFields(body: unknown): Record<string, string> {
  if (typeof body !== "object" || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function publicAddress(input: ChannelRouteInput): string | null {
  try {
    const reached = new URL(input.url);
    return `${input.deps.publicUrl().replace(/\/$/, "")}${reached.pathname}${reached.search}`;
  } catch {
    return null;
  }
}
