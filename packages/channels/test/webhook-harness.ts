import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JourneyDocumentInput, Json } from "@overture/core";
import { createSecretBox, type DispatcherOptions, type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { ensurePolicySchema } from "../src/policy/policy-settings.ts";
import { ensureWebhookSchema } from "../src/webhook/webhook-endpoints.ts";
import { useWebhookSecretBox } from "../src/webhook/webhook-secret-key.ts";

/** 2026-01-05T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** The server secret the tests' webhook secrets are sealed with (OVERTURE_SECRET in production). */
export const TEST_SERVER_SECRET = "test server secret";

/**
 * A real runtime on a fresh SQLite file (or PostgreSQL at `databaseUrl`) under a virtual clock, with a workspace and the
 * webhook and policy tables.
 */
export async function openChannelRuntime(
  options: { databaseUrl?: string; start?: number; dispatcher?: DispatcherOptions } = {},
) {
  const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "overture-channels-"));
  const clock = new VirtualClock(options.start ?? T0);
  const overture: Overture = await openOverture({
    dataDir: dir,
    databaseUrl: options.databaseUrl,
    clock,
    durability: "normal",
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  await ensureWebhookSchema(overture.store);
  await ensurePolicySchema(overture.store);
  useWebhookSecretBox(overture.store, createSecretBox(TEST_SERVER_SECRET));
  const { workspaceId } = await overture.workspaces.create("Test");
  return {
    overture,
    clock,
    ws: workspaceId,
    /** Publishes a journey: event `trigger` → the given steps → exit. Returns its id. */
    async publish(name: string, trigger: string, steps: Array<Record<string, Json>>): Promise<string> {
      const ids = steps.map((s) => String(s.id));
      const document = {
        schemaVersion: 1,
        name,
        settings: { reentry: "always" },
        steps: [
          { id: "start", type: "trigger", trigger: { type: "event", event: trigger }, next: ids[0] ?? "done" },
          ...steps.map((s, i) => ({ ...s, next: ids[i + 1] ?? "done" })),
          { id: "done", type: "exit" },
        ],
      } as unknown as JourneyDocumentInput;
      const journey = await overture.journeys.create(workspaceId, { name, document });
      await overture.journeys.publish(workspaceId, journey.id);
      return journey.id;
    },
    /** Sends an event and lets the engine handle it (outbox rows are written, nothing is delivered yet). */
    async send(
      customerId: string,
      name: string,
      properties: Record<string, Json> = {},
      attributes?: Record<string, Json>,
    ) {
      await overture.events.ingest(workspaceId, [{ name, customerId, properties, attributes }]);
      await overture.engine.runUntilIdle();
    },
    async cleanup() {
      await overture.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ChannelRuntime = Awaited<ReturnType<typeof openChannelRuntime>>;

/** What the receiver got. */
export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** How the receiver answers one request; `hang` never answers (until the server closes). */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

/**
 * A webhook receiver: a real HTTP server on 127.0.0.1. It answers with the queued answers in order, then 200 `ok`.
 */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  answers: Answer[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = answers.shift() ?? { status: 200, body: "ok" };
      if (answer === "hang") return;
      res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A store a suite runs on: SQLite always, PostgreSQL when it answers (skipped with a clear message otherwise). */
export type StoreTarget = { name: string; skip: boolean; url?: () => Promise<string> };

/** SQLite and PostgreSQL, each test on a fresh PostgreSQL schema; call `dropAll` in afterAll. */
export async function storeTargets(what: string): Promise<{ targets: StoreTarget[]; dropAll(): Promise<void> }> {
  const pgUrl = testDatabaseUrl();
  const up = await postgresAvailable(pgUrl);
  if (!up)
    console.warn(
      `PostgreSQL is not reachable at ${pgUrl}: ${what} on PostgreSQL is skipped. Set TEST_DATABASE_URL to run it.`,
    );
  const schemas: TestSchema[] = [];
  return {
    targets: [
      { name: "SQLite", skip: false },
      {
        name: "PostgreSQL",
        skip: !up,
        url: async () => {
          const schema = await createTestSchema(pgUrl);
          schemas.push(schema);
          // Tests do not need each commit flushed to disk.
          return `${schema.url}%20-c%20synchronous_commit%3Doff`;
        },
      },
    ],
    async dropAll() {
      for (const s of schemas.splice(0)) await s.drop();
    },
  };
}
