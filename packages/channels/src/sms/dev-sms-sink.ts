import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { DevSink } from "../channel-module.ts";
import {
  answerMessagesApi,
  type MessagesApiAnswer,
  type MessagesApiState,
  type SinkFailure,
  type SinkMessage,
  sinkMessage,
} from "./dev-sms-api.ts";
import { smsNotFoundPage, smsPhonePage, smsPhonesPage, smsReplyFailedPage } from "./sms-inbox-page.ts";
import { twilioSignature } from "./twilio-signature.ts";

export type { SinkFailure, SinkMessage };

/** The dev SMS provider: the DevSink, the account it accepts, and what it holds. */
export type DevSmsSink = DevSink & {
  accountSid: string;
  authToken: string;
  /** The sender number it gives workspaces that have no SMS settings. */
  from: string;
  messages(): SinkMessage[];
  /** Answers the next sends with these, in order (then accepts again). */
  failNext(...failures: SinkFailure[]): void;
};

/** Options of {@link startDevSmsSink}. */
export type DevSmsSinkOptions = {
  /** The account it accepts (default: a random one, `AC…` and a 32-hex-digit token). */
  account?: { accountSid: string; authToken: string };
  from?: string;
  /** Where it keeps `sms-inbox.json` (kept over restarts); in memory only when absent. */
  dataDir?: string;
  /** The inbound route of a workspace, for replies typed on the page; no reply form when absent. */
  inboundUrl?: (workspaceId: string) => string;
  now?: () => number;
};

const KEEP = 1_000;

/** True when `sink` is the SMS sink (the map of dev sinks is typed as plain DevSinks). */
export function isDevSmsSink(sink: DevSink | undefined): sink is DevSmsSink {
  return sink !== undefined && sink.channel === "sms" && "accountSid" in sink && "authToken" in sink;
}

/**
 * Starts a local SMS provider on 127.0.0.1 (a free port) that speaks Twilio's Messages API: it checks HTTP Basic
 * against its account, answers Twilio's error codes for a bad `To` or a missing body, honours `Idempotency-Key` (a
 * repeated key gets the message already sent, not a second one), and keeps every message per phone. Its page (`/sms`,
 * also served on its own port) lists phones and each phone's conversation; `/sms/messages` is the same as JSON.
 */
export async function startDevSmsSink(options: DevSmsSinkOptions = {}): Promise<DevSmsSink> {
  const account = options.account ?? { accountSid: `AC${hex(16)}`, authToken: hex(16) };
  const from = options.from ?? "+15005550006";
  const now = options.now ?? Date.now;
  const file = options.dataDir ? join(options.dataDir, "sms-inbox.json") : null;
  const messages: SinkMessage[] = file && existsSync(file) ? load(file) : [];
  const failures: SinkFailure[] = [];
  const save = () => {
    if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
    if (!file) return;
    mkdirSync(options.dataDir!, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(messages));
    renameSync(`${file}.tmp`, file);
  };

  const state: MessagesApiState = { account, messages, failures, now };
  const send = (req: IncomingMessage, text: string): MessagesApiAnswer => {
    const before = messages.length;
    const answer = answerMessagesApi(state, {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://sink").pathname,
      authorization: req.headers.authorization,
      idempotencyKey: header(req, "idempotency-key"),
      workspaceId: header(req, "x-overture-workspace"),
      form: new URLSearchParams(text),
    });
    if (messages.length !== before) save();
    return answer;
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/$/, "");
    if (request.method === "GET" && (path === "/sms" || path === ""))
      return html(smsPhonesPage(messages, { apiUrl: sinkUrl }));
    if (request.method === "GET" && path === "/sms/messages") return Response.json({ messages });
    const phone = /^\/sms\/([^/]+)(\/reply)?$/.exec(path);
    if (!phone) return html(smsNotFoundPage(), 404);
    const number = decodeURIComponent(phone[1]!);
    const thread = messages.filter((m) => m.to === number || m.from === number);
    if (thread.length === 0) return html(smsNotFoundPage(), 404);
    if (request.method === "GET" && !phone[2])
      return html(smsPhonePage(number, messages, { canReply: options.inboundUrl !== undefined }));
    if (request.method !== "POST" || !phone[2] || !options.inboundUrl) return html(smsNotFoundPage(), 404);
    const body = new URLSearchParams(await request.text()).get("Body")?.trim() || "STOP";
    const last = [...thread].reverse().find((m) => m.direction === "outbound" && m.workspaceId);
    if (!last?.workspaceId) return html(smsNotFoundPage(), 404);
    const reply = sinkMessage(
      { direction: "inbound", from: number, to: last.from, body },
      last.workspaceId,
      null,
      now(),
    );
    try {
      await postInbound(options.inboundUrl(last.workspaceId), account, reply);
    } catch (error) {
      return html(smsReplyFailedPage(number, error instanceof Error ? error.message : String(error)), 502);
    }
    messages.push(reply);
    save();
    return new Response(null, { status: 303, headers: { location: `/sms/${encodeURIComponent(number)}` } });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if ((req.url ?? "").startsWith("/sms")) {
        void serveFetch(handle, req, res, text, sinkUrl);
        return;
      }
      const answer = send(req, text);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sinkUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    channel: "sms",
    url: sinkUrl,
    accountSid: account.accountSid,
    authToken: account.authToken,
    from,
    page: { path: "/sms", title: "SMS inbox", handle },
    messages: () => [...messages],
    failNext: (...more) => {
      failures.push(...more);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Posts a reply to Overture's inbound route as Twilio would: a signed form. */
async function postInbound(url: string, account: { accountSid: string; authToken: string }, reply: SinkMessage) {
  const params = {
    AccountSid: account.accountSid,
    MessageSid: reply.sid,
    From: reply.from,
    To: reply.to,
    Body: reply.body,
  };
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(account.authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`the inbound route answered ${response.status}: ${await response.text()}`);
}

async function serveFetch(
  handle: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  base: string,
): Promise<void> {
  try {
    const request = new Request(new URL(req.url ?? "/", base), {
      method: req.method,
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end(error instanceof Error ? error.message : String(error));
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" && value !== "" ? value : null;
}

function html(text: string, status = 200): Response {
  return new Response(text, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function load(file: string): SinkMessage[] {
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(value) ? (value as SinkMessage[]) : [];
  } catch {
    return [];
  }
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}
