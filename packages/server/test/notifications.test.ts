import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePortalSchemas, insertNotification, notificationChannel, notificationFeed } from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../src/index.ts";
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
    const token = (await t.call("GET", "/v1/portal/token?customerId=ada")).body.token;
    headers = { "x-customer-id": "ada", "x-customer-token": token };
  });
  afterEach(async () => t.close());

  async function purchase(product: string) {
    await t.call("POST", "/v1/events", {
      key: t.keys.writeKey,
      body: { name: "purchase.completed", customerId: "ada", attributes: { firstName: "Ada" }, properties: { product } },
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
    expect(listed.body.notifications.map((n: { body: string }) => n.body)).toEqual(["Your Add-on is ready.", "Your Team plan is ready."]);
    const [newest, older] = listed.body.notifications;
    expect(newest).toMatchObject({ customerId: "ada", title: "Welcome, Ada", link: "/start", readAt: null, expiresAt: T0 + 60_000 + 86_400_000 });

    const read = await t.call("POST", `/v1/portal/notifications/${newest.id}/read`, { key: t.keys.writeKey, headers });
    expect(read.body.readAt).toBe(t.clock.now());
    expect((await inbox()).body.unread).toBe(1);
    await t.call("POST", `/v1/portal/notifications/${older.id}/dismiss`, { key: t.keys.writeKey, headers });
    expect((await inbox()).body).toMatchObject({ unread: 0, notifications: [{ id: newest.id }] });
    t.clock.advance(86_400_000);
    expect((await inbox()).body.notifications).toEqual([]);
    expect((await t.call("POST", "/v1/portal/notifications/nope/read", { key: t.keys.writeKey, headers })).body.error.code).toBe("not_found");
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
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) throw new Error(`no server-sent event within ${timeoutMs} ms`);
      if (chunk.done) throw new Error("the stream ended");
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

describe("the live notification stream, over HTTP on loopback", () => {
  let dir: string;
  let overture: Overture;
  let server: RunningServer;
  let query: string;
  let workspaceId: string;
  const controllers: AbortController[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "overture-sse-"));
    overture = await openOverture({ dataDir: dir, clock: new VirtualClock(T0), durability: "normal" });
    await ensurePortalSchemas(overture.store);
    overture.dispatcher.register(notificationChannel(overture.store, overture.clock));
    const keys = await overture.workspaces.ensureDefault();
    workspaceId = keys.workspaceId;
    await publishJourney(overture, workspaceId);
    server = await serve(overture, { port: 0, host: "127.0.0.1" });
    const token = await (await fetch(`${server.url}/v1/portal/token?customerId=ada`, { headers: { authorization: `Bearer ${keys.secretKey}` } })).json();
    query = new URLSearchParams({ writeKey: keys.writeKey, customerId: "ada", token: token.token }).toString();
  });
  afterEach(async () => {
    for (const c of controllers.splice(0)) c.abort();
    notificationFeed.closeAll();
    await server?.close();
    await overture.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function open(q = query) {
    const controller = new AbortController();
    controllers.push(controller);
    return fetch(`${server.url}/v1/portal/notifications/stream?${q}`, { signal: controller.signal, headers: { origin: "https://portal.example" } });
  }

  it("shows a notification delivered by the engine and the dispatcher within a second", async () => {
    const response = await open();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    // EventSource on the portal's origin reads it: the answer carries CORS headers.
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const next = sseReader(response);
    expect((await next(2_000)).event).toBe("ready");

    await overture.events.ingest(workspaceId, [
      { name: "purchase.completed", customerId: "ada", attributes: { firstName: "Ada" }, properties: { product: "Team plan" } },
    ]);
    await overture.engine.runUntilIdle();
    const sentAt = Date.now();
    await overture.dispatcher.runUntilIdle();
    const event = await next(1_000);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(event.event).toBe("notification");
    expect(JSON.parse(event.data)).toMatchObject({ customerId: "ada", title: "Welcome, Ada", body: "Your Team plan is ready." });
  });

  it("also shows notifications another host stored (found by polling), each once", async () => {
    const next = sseReader(await open());
    expect((await next(2_000)).event).toBe("ready");
    // Written straight to the table, as another server's dispatcher would: this process's feed never hears of it.
    await insertNotification(overture.store, workspaceId, {
      id: "elsewhere",
      customerId: "ada",
      title: "From host B",
      body: "",
      link: null,
      createdAt: T0,
      expiresAt: null,
    });
    await insertNotification(overture.store, workspaceId, {
      id: "for-bob",
      customerId: "bob",
      title: "Not Ada's",
      body: "",
      link: null,
      createdAt: T0,
      expiresAt: null,
    });
    const event = await next(1_500);
    expect(JSON.parse(event.data)).toMatchObject({ id: "elsewhere", title: "From host B" });
    await expect(next(1_200)).rejects.toThrow(/no server-sent event/);
  });

  it("refuses a stream without the customer's token", async () => {
    const response = await open(query.replace(/token=[^&]+/, "token=forged"));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("invalid_customer_token");
  });
});
