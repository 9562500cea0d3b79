import {
  ensurePortalSchemas,
  insertNotification,
  NotificationFeed,
  notificationFeed,
  useSecretBox,
} from "@overture/channels";
import { createSecretBox, type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../src/index.ts";
import { T0 } from "./test-app.ts";

const pgUp = await postgresAvailable();

/** Reads a server-sent event stream block by block (events and `: ping` comments alike). */
function blockReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function next(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return block;
      }
      const left = deadline - Date.now();
      const chunk =
        left > 0
          ? await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))])
          : null;
      if (chunk === null) throw new Error(`nothing on the stream within ${timeoutMs} ms`);
      if (chunk.done) throw new Error("the stream ended");
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
}

// Issue 12, finding 7: each live stream polled the database every 500 ms. On PostgreSQL a notification stored by
// another process (a worker on another host) now wakes the API's streams through LISTEN/NOTIFY.
describe.skipIf(!pgUp)("live streams woken by PostgreSQL NOTIFY from another process", () => {
  let schema: TestSchema;
  let api: Overture;
  let worker: Overture;
  let server: RunningServer;
  let keys: WorkspaceKeys;
  let queries = 0;
  const controller = new AbortController();

  beforeAll(async () => {
    schema = await createTestSchema(testDatabaseUrl());
    // Two runtimes on one database, each with its own pool and LISTEN connection: the API process and a worker process.
    api = await openOverture({ databaseUrl: schema.url, clock: new VirtualClock(T0) });
    worker = await openOverture({ databaseUrl: schema.url, clock: new VirtualClock(T0) });
    await ensurePortalSchemas(api.store);
    useSecretBox(api.store, createSecretBox("test server secret"));
    keys = await api.workspaces.ensureDefault();
    // Counts every statement the API process sends through its pool (the LISTEN connection is apart from it).
    type Query = (...args: unknown[]) => unknown;
    const pool = (api.store as unknown as { pool: { query: Query } }).pool;
    const query = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      queries += 1;
      return query(...args);
    };
    server = await serve(api, { port: 0, host: "127.0.0.1", streams: { pingMs: 100 } });
  });
  afterAll(async () => {
    controller.abort();
    notificationFeed.closeAll();
    await server?.close();
    await api?.close();
    await worker?.close();
    await schema?.drop();
  });

  it("delivers a notification stored by the other process, and no stream queries the table while idle", async () => {
    const auth = { authorization: `Bearer ${keys.secretKey}` };
    const { token } = await (await fetch(`${server.url}/v1/portal/token?customerId=ada`, { headers: auth })).json();
    const ticketAnswer = await fetch(`${server.url}/v1/portal/stream-ticket`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.writeKey}`, "x-customer-id": "ada", "x-customer-token": token },
    });
    const { ticket } = await ticketAnswer.json();
    const response = await fetch(`${server.url}/v1/portal/notifications/stream?ticket=${encodeURIComponent(ticket)}`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const next = blockReader(response);
    expect(await next(3_000)).toContain("event: ready");
    // Five idle pings (100 ms apart): a stream that polled would have queried the table in between.
    expect(await next(3_000)).toBe(": ping");
    const idleFrom = queries;
    for (let i = 0; i < 5; i++) expect(await next(3_000)).toBe(": ping");
    expect(queries - idleFrom).toBe(0);

    // The worker process stores it (as its dispatcher does), with its own in-process feed: only NOTIFY can tell the API.
    const workerFeed = { feed: new NotificationFeed() };
    await insertNotification(
      worker.store,
      keys.workspaceId,
      {
        id: "from-worker",
        customerId: "ada",
        title: "From the worker",
        body: "",
        link: null,
        createdAt: T0,
        expiresAt: null,
      },
      workerFeed,
    );
    await insertNotification(
      worker.store,
      keys.workspaceId,
      {
        id: "for-bob",
        customerId: "bob",
        title: "Not Ada's",
        body: "",
        link: null,
        createdAt: T0,
        expiresAt: null,
      },
      workerFeed,
    );
    // Pings may come first; give it up to 3 seconds (30 pings).
    let block = await next(3_000);
    for (let i = 0; i < 30 && block === ": ping"; i++) block = await next(3_000);
    expect(block).toContain("event: notification");
    expect(block).toContain('"title":"From the worker"');
    // Woken once: one read of Ada's new rows, nothing for Bob's.
    expect(queries - idleFrom).toBe(1);
    for (let i = 0; i < 3; i++) expect(await next(3_000)).toBe(": ping");
  });
});
