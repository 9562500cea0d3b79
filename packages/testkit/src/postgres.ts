import { createThrowawaySchema, type ThrowawaySchema, withSearchPath } from "@overture/runtime";
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
export type TestSchema = ThrowawaySchema;

export { withSearchPath };

/**
 * Creates a fresh, uniquely named schema so each test file has its own tables on the shared database, and
 * returns a URL that uses it. Call `drop()` in `afterAll`.
 */
export function createTestSchema(url: string = testDatabaseUrl()): Promise<TestSchema> {
  return createThrowawaySchema(url, "test");
}
