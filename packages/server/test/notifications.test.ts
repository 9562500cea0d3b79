import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePortalSchemas, notificationChannel, notificationFeed, useSecretBox } from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { createSecretBox, type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningServer, type ServeOptions, serve } from "../src/index.ts";
import { openTestApp, T0, type TestApp } from "./test-app.ts";

const JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Portal welcome",
  settings: { reentry: "always" },
  steps: [
    { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "hello" },
    {
      id: "hello",
      type: "notification",
      title: "Welcome, {{ customer.firstName }}",
      body: "Your {{ event.properties.product }} is ready.",
      link: "/start",
      expiresAfter: "1d",
      next: "done",
    },
    { id: "done", type: "exit" },
  ],
};

async function publishJourney(overture: Pick<Overture, "journeys">, workspaceId: string): Promise<void> {
  const journey = await overture.journeys.create(workspaceId, { name: JOURNEY.name, document: JOURNEY });
  await overture.journeys.publish(workspaceId, journey.id);
}

describe("portal inbox routes", () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await openTestApp();
    t.overture.dispatcher.register(notificationChannel(t.overture.store, t.clock));
    await ensurePortalSchemas(t.overture.store);
    await publishJourney(t.overture, t.keys.workspaceId);
    const token = (await t.call("GET", "/v1/portal/token?customerId=ada&ttl=604800")).body.token;
    headers = { "x-customer-id": "ada", "x-customer-token": token };
  });
  afterEach(async () => t.close());

  async function purchase(product: string) {
    await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: {
        name: "purchase.completed",
        customerId: "ada",
        attributes: { firstName: "Ada" },
        properties: { product },
      },
    });
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runUntilIdle();
  }
  const inbox = () => t.call("GET", "/v1/portal/notifications", { key: t.keys.writeKey, headers });

  it("lists what the journey sent, newest first with the unread count; read and dismiss change it; expired ones leave", async () => {
    await purchase("Team plan");
    t.clock.advance(60_000);
    await purchase("Add-on");
    const listed = await inbox();
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(2);
    expect(listed.body.notifications.map((n: { body: string }) => n.body)).toEqual([
      "Your Add-on is ready.",
      "Your Team plan is ready.",
    ]);
    const [newest, older] = listed.body.notifications;
    expect(newest).toMatchObject({
      customerId: "ada",
      title: "Welcome, Ada",
      link: "/start",
      readAt: null,
      expiresAt: T0 + 60_000 + 86_400_000,
    });

    const read = await t.call("POST", `/v1/portal/notifications/${newest.id}/read`, { key: t.keys.writeKey, headers });
    expect(read.body.readAt).toBe(t.clock.now());
    expect((await inbox()).body.unread).toBe(1);
    await t.call("POST", `/v1/portal/notifications/${older.id}/dismiss`, { key: t.keys.writeKey, headers });
    expect((await inbox()).body).toMatchObject({ unread: 0, notifications: [{ id: newest.id }] });
    t.clock.advance(86_400_000);
    expect((await inbox()).body.notifications).toEqual([]);
    expect(
      (await t.call("POST", "/v1/portal/notifications/nope/read", { key: t.keys.writeKey, headers })).body.error.code,
    ).toBe("not_found");
  });
});

type SseEvent = { event: string; data: string };

/** Reads server-sent events from a real HTTP response as they arrive. */
function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function next(timeoutMs: number): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split("\n");
        const event = lines
          .find((l) => l.startsWith("event:"))
          ?.slice(6)
          .trim();
        if (!event) continue;
        return {
          event,
          data: lines
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n"),
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no server-sent event within ${timeoutMs} ms`);
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
      ]);
      if (chunk === null) throw new Error(`no server-sent event within ${timeoutMs} ms`);
      if (chunk.done) throw new Error("the stream ended");
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

describe("the live notification stream, over HTTP on loopback", () => {
  let dir: string;
  let clock: VirtualClock;
  let overture: Overture;
  let server: RunningServer;
  let keys: WorkspaceKeys;
  let token: string;
  let workspaceId: string;
  const controllers: AbortController[] = [];

  async function start(streams?: ServeOptions["streams"]) {
    server = await serve(overture, { port: 0, host: "127.0.0.1", streams });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "overture-sse-"));
    clock = new VirtualClock(T0);
    overture = await openOverture({ dataDir: dir, clock, durability: "normal" });
    await ensurePortalSchemas(overture.store);
    useSecretBox(overture.store, createSecretBox("test server secret"));
    overture.dispatcher.register(notificationChannel(overture.store, overture.clock));
    keys = await overture.workspaces.ensureDefault();
    workspaceId = keys.workspaceId;
    await publishJourney(overture, workspaceId);
    await start();
    token = await tokenFor("ada");
  });
  afterEach(async () => {
    for (const c of controllers.splice(0)) c.abort();
    notificationFeed.closeAll();
    await server?.close();
    await overture.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function tokenFor(customerId: string): Promise<string> {
    const answer = await fetch(`${server.url}/v1/portal/token?customerId=${customerId}`, {
      headers: { authorization: `Bearer ${keys.secretKey}` },
    });
    return (await answer.json()).token;
  }

  async function ticketFor(customerId = "ada", customerToken = token): Promise<string> {
    const answer = await fetch(`${server.url}/v1/portal/stream-ticket`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${keys.writeKey}`,
        "x-customer-id": customerId,
        "x-customer-token": customerToken,
      },
    });
    expect(answer.status).toBe(200);
    return (await answer.json()).ticket;
  }

  async function open(query: string) {
    const controller = new AbortController();
    controllers.push(controller);
    return fetch(`${server.url}/v1/portal/notifications/stream?${query}`, {
      signal: controller.signal,
      headers: { origin: "https://portal.example" },
    });
  }
  const openWithTicket = async (customerId = "ada") =>
    open(`ticket=${encodeURIComponent(await ticketFor(customerId, await tokenFor(customerId)))}`);

  it("shows a notification delivered by the engine and the dispatcher within a second", async () => {
    const response = await openWithTicket();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    // EventSource on the portal's origin reads it: the answer carries CORS headers.
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const next = sseReader(response);
    expect((await next(2_000)).event).toBe("ready");

    await overture.events.ingest(workspaceId, [
      {
        name: "purchase.completed",
        customerId: "ada",
        attributes: { firstName: "Ada" },
        properties: { product: "Team plan" },
      },
    ]);
    await overture.engine.runUntilIdle();
    const sentAt = Date.now();
    await overture.dispatcher.runUntilIdle();
    const event = await next(1_000);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(event.event).toBe("notification");
    expect(JSON.parse(event.data)).toMatchObject({
      customerId: "ada",
      title: "Welcome, Ada",
      body: "Your Team plan is ready.",
    });
  });

  // Issue 12, finding 9: the long-lived token travelled in the stream's URL, into access logs.
  it("refuses the long-lived token in the URL: the stream takes a one-minute ticket", async () => {
    const old = await open(new URLSearchParams({ writeKey: keys.writeKey, customerId: "ada", token }).toString());
    expect(old.status).toBe(401);
    const body = await old.json();
    expect(body.error.code).toBe("invalid_stream_ticket");
    expect(body.error.message).toContain("POST /v1/portal/stream-ticket");
    expect((await (await open(`ticket=${encodeURIComponent(token)}`)).json()).error.code).toBe("invalid_stream_ticket");
    expect((await open("")).status).toBe(401);
  });

  it("refuses a ticket once its minute is over (virtual clock)", async () => {
    const ticket = encodeURIComponent(await ticketFor());
    clock.advance(60_000);
    const late = await open(`ticket=${ticket}`);
    expect(late.status).toBe(401);
    expect((await late.json()).error.code).toBe("stream_ticket_expired");
  });

  // Issue 12, finding 7: no cap on live streams per customer or in total.
  it("caps streams per customer (429) and in total (503), with Retry-After; a closed stream frees its place", async () => {
    await server.close();
    await start({ limits: { perCustomer: 2, total: 3 } });
    const first = await openWithTicket("ada");
    expect(first.status).toBe(200);
    expect((await openWithTicket("ada")).status).toBe(200);
    const third = await openWithTicket("ada");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await third.json()).error.code).toBe("too_many_streams");
    expect((await openWithTicket("bob")).status).toBe(200);
    const full = await openWithTicket("grace");
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await full.json()).error.code).toBe("streams_at_capacity");
    // Closing one of Ada's streams gives its place back once the server sees the connection end.
    controllers[0]?.abort();
    await vi.waitFor(async () => expect((await openWithTicket("grace")).status).toBe(200), {
      timeout: 3_000,
      interval: 50,
    });
  });
});
