import { randomBytes } from "node:crypto";
import pg from "pg";

/** Where tests find PostgreSQL: `TEST_DATABASE_URL`, or the CI database at 127.0.0.1:5432/test. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

/** True when PostgreSQL answers at `url` within 2 seconds; suites use it to skip PostgreSQL runs where there is none. */
export async function postgresAvailable(url: string = testDatabaseUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
  // A refused or unresolvable connection emits 'error' as well as rejecting; without a listener it would crash the test.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A private schema for one test file; `url` connects with it as the search path. */
export type TestSchema = { url: string; schema: string; drop(): Promise<void> };

/** `url` with `options=-c search_path=<schema>` set, so every connection made from it uses that schema. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("options");
  const rest = parsed.searchParams.toString();
  // %20 rather than "+": libpq (psql) decodes only percent escapes in URIs.
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  parsed.search = "";
  return `${parsed.toString()}?${rest ? `${rest}&` : ""}${options}`;
}

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a fresh, uniquely named schema so each test file has its own tables on the shared database, and
 * returns a URL that uses it. Call `drop()` in `afterAll`.
 */
export async function createTestSchema(url: string = testDatabaseUrl()): Promise<TestSchema> {
  // Lower-case letters, digits and "_" only, so the name needs no quoting anywhere (including in search_path).
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await run(url, `create schema ${schema}`);
  return {
    url: withSearchPath(url, schema),
    schema,
    drop: () => run(url, `drop schema if exists ${schema} cascade`),
  };
}
