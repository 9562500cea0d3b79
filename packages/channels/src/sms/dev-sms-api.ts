import { randomBytes } from "node:crypto";
import { countSegments } from "./segments.ts";
import { isE164 } from "./sms-settings.ts";

/** One message the dev sink holds: sent by Overture (`outbound`), or a reply typed on its page (`inbound`). */
export type SinkMessage = {
  sid: string;
  direction: "outbound" | "inbound";
  from: string;
  to: string;
  body: string;
  segments: number;
  encoding: string;
  /** The workspace that sent it (X-Overture-Workspace), to which replies go. */
  workspaceId: string | null;
  /** The delivery key the send carried (Idempotency-Key). */
  key: string | null;
  createdAt: number;
};

/** An answer the sink gives to the next send instead of accepting it (a test of the client's error handling). */
export type SinkFailure = { status: number; code?: number; message?: string; retryAfter?: string };

/** A request to the Messages API as the sink's server read it. */
export type MessagesApiRequest = {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | null;
  workspaceId: string | null;
  form: URLSearchParams;
};

/** What the sink answers: a status, a Twilio-shaped JSON body, and headers. */
export type MessagesApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** What one send is judged against and recorded in. */
export type MessagesApiState = {
  account: { accountSid: string; authToken: string };
  messages: SinkMessage[];
  failures: SinkFailure[];
  now: () => number;
};

/**
 * Answers one call of Twilio's Messages API as Twilio would: 404 (20404) off the Messages path, 401 (20003) for
 * another account, Twilio's 400s (21604, 21211, 21603, 21602, 21617) for a bad form, else 201 with the message,
 * recorded in `state.messages`. A repeated Idempotency-Key gets the message already recorded, and nothing new.
 */
export function answerMessagesApi(state: MessagesApiState, request: MessagesApiRequest): MessagesApiAnswer {
  const { account } = state;
  const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
  if (!match || request.method !== "POST") return twilioError(404, 20404, "The requested resource was not found");
  if (!isAuthorized(request.authorization, account) || decodeURIComponent(match[1]!) !== account.accountSid)
    return twilioError(401, 20003, "Authenticate");
  const failure = state.failures.shift();
  if (failure) {
    const answer = twilioError(failure.status, failure.code ?? 20500, failure.message ?? "Simulated failure");
    return failure.retryAfter ? { ...answer, headers: { "retry-after": failure.retryAfter } } : answer;
  }
  const key = request.idempotencyKey;
  const earlier = key ? state.messages.find((m) => m.key === key && m.direction === "outbound") : undefined;
  if (earlier)
    return {
      status: 201,
      body: twilioMessage(earlier, account.accountSid),
      headers: { "idempotent-replayed": "true" },
    };
  const { form } = request;
  const to = form.get("To") ?? "";
  const body = form.get("Body") ?? "";
  const sender = form.get("From") ?? form.get("MessagingServiceSid") ?? "";
  if (to === "") return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!isE164(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  if (sender === "") return twilioError(400, 21603, "A 'From' phone number is required.");
  if (body === "") return twilioError(400, 21602, "Message body is required.");
  if (body.length > 1600)
    return twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  const message = sinkMessage({ direction: "outbound", from: sender, to, body }, request.workspaceId, key, state.now());
  state.messages.push(message);
  return { status: 201, body: twilioMessage(message, account.accountSid) };
}

/** A message as the sink records it, with a new SID and its segments counted. */
export function sinkMessage(
  text: Pick<SinkMessage, "direction" | "from" | "to" | "body">,
  workspaceId: string | null,
  key: string | null,
  at: number,
): SinkMessage {
  const counted = countSegments(text.body);
  return {
    sid: `SM${randomBytes(16).toString("hex")}`,
    ...text,
    segments: counted.segments,
    encoding: counted.encoding,
    workspaceId,
    key,
    createdAt: at,
  };
}

/** The message resource as Twilio returns it (the fields clients read). */
function twilioMessage(m: SinkMessage, accountSid: string) {
  return {
    sid: m.sid,
    account_sid: accountSid,
    from: m.from,
    to: m.to,
    body: m.body,
    status: "queued",
    direction: "outbound-api",
    num_segments: String(m.segments),
    api_version: "2010-04-01",
    date_created: new Date(m.createdAt).toUTCString(),
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  };
}

function twilioError(status: number, code: number, message: string): MessagesApiAnswer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function isAuthorized(header: string | undefined, account: { accountSid: string; authToken: string }): boolean {
  if (!header?.startsWith("Basic ")) return false;
  return Buffer.from(header.slice(6), "base64").toString("utf8") === `${account.accountSid}:${account.authToken}`;
}
