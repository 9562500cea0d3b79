import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import type { DevSink } from "../channel-module.ts";
import { type BrowserKeys, createBrowserKeys, DecryptError, decryptPushBody } from "./dev-push-crypto.ts";
import { type DevSubscriptionView, devPushPage, type ReceivedPush } from "./dev-push-page.ts";
import { checkVapid } from "./vapid-check.ts";

/** A subscription the service made: its id (the endpoint's last segment) and the browser keys it decrypts with. */
type HeldSubscription = {
  id: string;
  keys: BrowserKeys;
  applicationServerKey?: string;
  createdAt: number;
  deleted: boolean;
};

/** The browser's `PushSubscription.toJSON()` for a subscription of the dev service. */
export type DevPushSubscription = { id: string; endpoint: string; keys: { p256dh: string; auth: string } };

/** How the service answers the next push to a subscription instead of accepting it (tests of retries). */
export type ForcedAnswer = { status: number; retryAfter?: string };

/** The dev push service: a DevSink, plus what tests and the demo use. */
export type DevPushService = DevSink & {
  /** Makes a subscription as a browser would; `applicationServerKey` restricts it to one VAPID key (403 otherwise). */
  createSubscription(options?: { applicationServerKey?: string }): DevPushSubscription;
  /** Unsubscribes: the endpoint answers 410 Gone from now on. */
  deleteSubscription(id: string): boolean;
  /** What arrived, oldest first (one subscription's when `id` is given). */
  messages(id?: string): ReceivedPush[];
  /** The next pushes to `id` get these answers, in order (then pushes are accepted again). */
  failNext(id: string, ...answers: ForcedAnswer[]): void;
  /** The same routes as the HTTP server, in web-standard Request and Response. */
  handle(request: Request): Promise<Response>;
};

const MAX_BODY = 8192;
/** RFC 8030 section 7.2: a push service accepts payloads of at least 4096 bytes. */
const MAX_PAYLOAD = 4096;
const KEEP = 500;

/**
 * Starts the dev push service on 127.0.0.1 (RFC 8030, the part web-push uses): `POST /push/:id` takes an
 * `aes128gcm` body signed with VAPID, checks the JWT and decrypts the message with the subscription's keys (RFC 8291),
 * answers 201 with a Location; unknown or deleted subscriptions answer 410. `POST /subscriptions` makes a
 * subscription (the keys a browser would hold), `DELETE /subscriptions/:id` ends one; `GET /push` is the page of what
 * arrived, `GET /push/messages` the same as JSON. With `file`, subscriptions and messages survive restarts.
 */
export async function startDevPushService(options: { port?: number; file?: string } = {}): Promise<DevPushService> {
  const state = load(options.file);
  const save = () => {
    if (!options.file) return;
    mkdirSync(dirname(options.file), { recursive: true });
    writeFileSync(
      options.file,
      JSON.stringify({ subscriptions: [...state.subscriptions.values()], messages: state.messages }),
    );
  };
  const forced = new Map<string, ForcedAnswer[]>();
  let url = "";

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    json(status, { error: { code, message } }, headers);

  const views = (): DevSubscriptionView[] =>
    [...state.subscriptions.values()].map((s) => ({
      id: s.id,
      endpoint: endpointOf(s.id),
      createdAt: s.createdAt,
      deleted: s.deleted,
    }));
  const endpointOf = (id: string) => `${url}/push/${id}`;

  const service: DevPushService = {
    channel: "push",
    get url() {
      return url;
    },
    page: {
      path: "/push",
      title: "Push inbox",
      handle: async (request) => {
        const path = new URL(request.url).pathname.replace(/\/+$/, "");
        if (request.method !== "GET") return refuse(405, "method_not_allowed", "the page is read-only");
        if (path.endsWith("/push/messages")) return json(200, { messages: service.messages() });
        if (path.endsWith("/push"))
          return new Response(devPushPage(views(), state.messages, url), {
            headers: { "content-type": "text/html; charset=utf-8" },
          });
        return refuse(404, "not_found", "no such page");
      },
    },
    createSubscription(subscriptionOptions = {}) {
      const id = randomBytes(12).toString("base64url");
      const keys = createBrowserKeys();
      state.subscriptions.set(id, {
        id,
        keys,
        ...(subscriptionOptions.applicationServerKey
          ? { applicationServerKey: subscriptionOptions.applicationServerKey }
          : {}),
        createdAt: Date.now(),
        deleted: false,
      });
      save();
      return { id, endpoint: endpointOf(id), keys: { p256dh: keys.p256dh, auth: keys.auth } };
    },
    deleteSubscription(id) {
      const held = state.subscriptions.get(id);
      if (!held || held.deleted) return false;
      held.deleted = true;
      save();
      return true;
    },
    messages: (id) => (id === undefined ? [...state.messages] : state.messages.filter((m) => m.subscriptionId === id)),
    failNext(id, ...answers) {
      forced.set(id, [...(forced.get(id) ?? []), ...answers]);
    },
    async handle(request) {
      const path = new URL(request.url).pathname;
      if (request.method === "POST" && path === "/subscriptions") {
        const body = (await request.json().catch(() => ({}))) as { applicationServerKey?: unknown };
        const key = typeof body.applicationServerKey === "string" ? body.applicationServerKey : undefined;
        return json(201, service.createSubscription(key ? { applicationServerKey: key } : {}));
      }
      const sub = /^\/subscriptions\/([A-Za-z0-9_-]+)$/.exec(path);
      if (request.method === "DELETE" && sub)
        return service.deleteSubscription(sub[1]!)
          ? new Response(null, { status: 204 })
          : refuse(404, "not_found", "no such subscription");
      const push = /^\/push\/([A-Za-z0-9_-]+)$/.exec(path);
      if (request.method === "POST" && push) return receive(push[1]!, request);
      if (request.method === "GET" && (path === "/push" || path === "/push/messages"))
        return service.page!.handle(request);
      return refuse(404, "not_found", `no route ${request.method} ${path}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function receive(id: string, request: Request): Promise<Response> {
    const held = state.subscriptions.get(id);
    if (!held || held.deleted) return refuse(410, "gone", `subscription ${id} does not exist (or was unsubscribed)`);
    const vapid = checkVapid(request.headers.get("authorization") ?? undefined, {
      origin: url,
      nowSeconds: Math.floor(Date.now() / 1000),
      ...(held.applicationServerKey ? { expectedKey: held.applicationServerKey } : {}),
    });
    if (!vapid.ok) return refuse(vapid.status, vapid.status === 401 ? "unauthorized" : "forbidden", vapid.message);
    const ttl = request.headers.get("ttl");
    if (ttl === null || !/^\d+$/.test(ttl))
      return refuse(400, "ttl_required", "send a TTL header in seconds (RFC 8030 section 5.2)");
    if (request.headers.get("content-encoding") !== "aes128gcm")
      return refuse(415, "unsupported_encoding", "send Content-Encoding: aes128gcm (RFC 8291)");
    const body = Buffer.from(await request.arrayBuffer());
    if (body.length > MAX_BODY)
      return refuse(413, "payload_too_large", `the body is ${body.length} bytes; at most ${MAX_BODY}`);
    const next = forced.get(id)?.shift();
    if (next)
      return refuse(
        next.status,
        "forced",
        "answer forced by the test",
        next.retryAfter ? { "retry-after": next.retryAfter } : {},
      );
    let plain: Buffer;
    try {
      plain = decryptPushBody(body, held.keys);
    } catch (error) {
      if (error instanceof DecryptError) return refuse(400, "decryption_failed", error.message);
      throw error;
    }
    if (plain.length > MAX_PAYLOAD) return refuse(413, "payload_too_large", `the payload is over ${MAX_PAYLOAD} bytes`);
    const raw = plain.toString("utf8");
    const fields = parseMessage(raw);
    state.messages.push({
      subscriptionId: id,
      receivedAt: Date.now(),
      ...fields,
      raw,
      ttl: Number(ttl),
      urgency: request.headers.get("urgency"),
      topic: request.headers.get("topic"),
    });
    if (state.messages.length > KEEP) state.messages.splice(0, state.messages.length - KEEP);
    save();
    const messageId = randomBytes(9).toString("base64url");
    return new Response(null, { status: 201, headers: { location: `${url}/message/${messageId}` } });
  }

  const server = createServer((req, res) => {
    void toRequest(req)
      .then((request) => service.handle(request))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(error instanceof Error ? error.message : String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return service;
}

function parseMessage(raw: string): Pick<ReceivedPush, "title" | "body" | "url"> {
  try {
    const m = JSON.parse(raw) as { title?: unknown; body?: unknown; url?: unknown };
    return {
      title: typeof m.title === "string" ? m.title : "",
      body: typeof m.body === "string" ? m.body : "",
      url: typeof m.url === "string" ? m.url : null,
    };
  } catch {
    return { title: "", body: raw, url: null };
  }
}

function load(file: string | undefined): { subscriptions: Map<string, HeldSubscription>; messages: ReceivedPush[] } {
  if (!file || !existsSync(file)) return { subscriptions: new Map(), messages: [] };
  const saved = JSON.parse(readFileSync(file, "utf8")) as {
    subscriptions: HeldSubscription[];
    messages: ReceivedPush[];
  };
  return { subscriptions: new Map(saved.subscriptions.map((s) => [s.id, s])), messages: saved.messages };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is not kept; the route refuses the body as too large.
    if (size <= MAX_BODY + 1) chunks.push(chunk);
  }
  const headers = new Headers();
  // The body is already read: its framing headers do not apply to the Request made from it.
  const framing = new Set(["content-length", "transfer-encoding", "connection", "host"]);
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !framing.has(name)) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://127.0.0.1${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
}
