import { connect, createServer, type Server, type Socket } from "node:net";
import { type Overture, openOverture, VirtualClock, type WorkspaceKeys } from "@overture/runtime";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/index.ts";
import { T0 } from "./test-app.ts";

const pgUrl = testDatabaseUrl();
const pgUp = await postgresAvailable(pgUrl);

/** Opens a runtime on `url` with OVERTURE_PG_STATEMENT_TIMEOUT_MS set as an operator would, and the app in front of it. */
async function openOn(url: string, statementMs: number) {
  const before = process.env.OVERTURE_PG_STATEMENT_TIMEOUT_MS;
  process.env.OVERTURE_PG_STATEMENT_TIMEOUT_MS = String(statementMs);
  let overture: Overture;
  try {
    overture = await openOverture({ databaseUrl: url, clock: new VirtualClock(T0) });
  } finally {
    if (before === undefined) delete process.env.OVERTURE_PG_STATEMENT_TIMEOUT_MS;
    else process.env.OVERTURE_PG_STATEMENT_TIMEOUT_MS = before;
  }
  const keys: WorkspaceKeys = await overture.workspaces.ensureDefault();
  const unexpected: unknown[] = [];
  const app = createApp(overture, { onUnexpectedError: (error) => unexpected.push(error) });
  const get = async (path: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${keys.secretKey}` } });
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: (await response.json()) as { error?: { code: string } },
    };
  };
  return { overture, get, unexpected };
}

// Issue 12 follow-up: a statement over PostgreSQL's statement_timeout (SQLSTATE 57014) and a database that cannot be
// reached reached HTTP callers as 500 `internal`, as if they were bugs, with nothing telling them to retry.
describe.skipIf(!pgUp)("a database that is slow or gone answers 503 unavailable, not 500", () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(pgUrl);
  });
  afterAll(async () => schema?.drop());

  it("answers 503 with Retry-After when a statement runs over the statement timeout", async () => {
    const { overture, get, unexpected } = await openOn(schema.url, 200);
    // Another session holds the tables the routes read, so their statements wait until the timeout cancels them.
    const holder = new pg.Client({ connectionString: schema.url });
    await holder.connect();
    try {
      expect((await get("/v1/customers/ada")).status).toBe(404);
      expect((await get("/v1/content")).status).toBe(200);
      await holder.query("BEGIN");
      await holder.query("LOCK TABLE customers, content_items IN ACCESS EXCLUSIVE MODE");
      // Through the store's own queries and through its plain-SQL runner (the channels' tables).
      for (const path of ["/v1/customers/ada", "/v1/content"]) {
        const answer = await get(path);
        expect(answer, path).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
        expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      expect(unexpected).toEqual([]);
      await holder.query("ROLLBACK");
      expect((await get("/v1/customers/ada")).status).toBe(404);
    } finally {
      await holder.end();
      await overture.close();
    }
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    // A loopback relay to the test database, cut to play the database going away.
    const database = new URL(schema.url);
    const sockets = new Set<Socket>();
    const relay: Server = createServer((client) => {
      const upstream = connect(Number(database.port || 5432), database.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => {});
        s.on("close", () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const viaRelay = new URL(schema.url);
    viaRelay.hostname = "127.0.0.1";
    viaRelay.port = String((relay.address() as { port: number }).port);
    const { overture, get, unexpected } = await openOn(viaRelay.toString(), 30_000);
    try {
      expect((await get("/v1/customers/ada")).status).toBe(404);
      const closed = new Promise((resolve) => relay.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
      const answer = await get("/v1/customers/ada");
      expect(answer).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(await get("/v1/customers/ada")).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
      expect(unexpected).toEqual([]);
    } finally {
      await overture.close().catch(() => {});
    }
  });
});
