import { PermanentError, TransientError } from "@overture/runtime";
import { retryAfterMs } from "../webhook/webhook-channel.ts";

/** The account a message is sent with: Twilio's, or the dev SMS sink's. */
export type TwilioAccount = {
  accountSid: string;
  authToken: string;
  /** A phone number in E.164, or a Messaging Service SID (`MG…`). */
  from: string;
  /** `https://api.twilio.com`, or the dev sink's URL. */
  apiBase: string;
};

/**
 * One message: to whom, what, and the delivery's key (the same for every attempt of one delivery). The workspace goes
 * in `X-Overture-Workspace` (Twilio ignores it; the dev sink sends replies typed on its page to that workspace).
 */
export type OutgoingSms = { to: string; body: string; key: string; workspaceId?: string };

/** What Twilio answered: the message's SID, its status (`queued`, `sent`…) and the parts it was split in. */
export type SentSms = { sid: string; status: string; segments: number | null };

/** Options of {@link sendTwilioSms}. */
export type TwilioClientOptions = {
  /** Default: 10 s. */
  timeoutMs?: number;
  /** For Retry-After given as a date. */
  now?: () => number;
};

/**
 * Sends one SMS through Twilio's Messages API: POST `{apiBase}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded
 * To, From (or MessagingServiceSid) and Body, HTTP Basic with the account SID and auth token.
 *
 * The delivery key goes in an `Idempotency-Key` header: the dev SMS sink answers a repeated key with the message it
 * already has instead of sending another, so a retry after a lost answer does not double-send there. Twilio's
 * Messages API has no such header (it ignores it); against Twilio a retry after a timeout can send twice.
 *
 * 429 and 5xx, network failures and timeouts are TransientError (Retry-After honoured); other answers are
 * PermanentError carrying Twilio's message and error code.
 */
export async function sendTwilioSms(
  account: TwilioAccount,
  sms: OutgoingSms,
  options: TwilioClientOptions = {},
): Promise<SentSms> {
  const url = `${account.apiBase.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  const form = new URLSearchParams({ To: sms.to, Body: sms.body });
  form.set(account.from.startsWith("MG") ? "MessagingServiceSid" : "From", account.from);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const host = safeHost(url);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "idempotency-key": sms.key,
        "user-agent": "Overture-SMS/1",
        ...(sms.workspaceId ? { "x-overture-workspace": sms.workspaceId } : {}),
      },
      body: form.toString(),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      throw new TransientError("sms_timeout", `sms_timeout: ${host} did not answer within ${timeoutMs} ms`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new TransientError(
      "sms_unreachable",
      `sms_unreachable: ${host}: ${error instanceof Error ? error.message : String(error)}${cause}`,
    );
  }
  const answer = parseJson(text);
  if (response.status >= 200 && response.status < 300) {
    if (typeof answer?.sid !== "string")
      throw new TransientError("sms_unavailable", `sms_unavailable: ${host} answered ${response.status} without a sid`);
    const segments = Number(answer.num_segments);
    return {
      sid: answer.sid,
      status: typeof answer.status === "string" ? answer.status : "queued",
      segments: Number.isFinite(segments) && segments > 0 ? segments : null,
    };
  }
  const what = twilioError(response.status, answer, text);
  if (response.status === 429 || response.status >= 500) {
    const wait = retryAfterMs(response.headers.get("retry-after"), (options.now ?? Date.now)());
    throw new TransientError("sms_unavailable", `sms_unavailable: ${host} answered ${what}`, wait);
  }
  throw new PermanentError("sms_rejected", `sms_rejected: ${host} answered ${what}`);
}

/** "400 (Twilio 21211): The 'To' number … is not a valid phone number." */
function twilioError(status: number, answer: Record<string, unknown> | null, text: string): string {
  const code = answer?.code;
  const message = typeof answer?.message === "string" ? answer.message : text.slice(0, 200);
  return `${status}${code !== undefined && code !== null ? ` (Twilio ${String(code)})` : ""}${message ? `: ${message}` : ""}`;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "invalid-url";
  }
}
