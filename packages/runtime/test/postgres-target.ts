import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";

/**
 * The PostgreSQL a test file runs on, or why it cannot: suites skip with that reason (never fake a database).
 * Each call of schemaUrl() makes a fresh schema; dropAll() removes them.
 */
export async function postgresTarget(): Promise<{
  available: boolean;
  reason: string;
  schemaUrl(): Promise<string>;
  dropAll(): Promise<void>;
}> {
  const url = testDatabaseUrl();
  const available = await postgresAvailable(url);
  if (!available)
    console.warn(`PostgreSQL is not reachable at ${url}: its tests are skipped. Set TEST_DATABASE_URL to run them.`);
  const schemas: TestSchema[] = [];
  return {
    available,
    reason: `no PostgreSQL at ${url}`,
    async schemaUrl() {
      const schema = await createTestSchema(url);
      schemas.push(schema);
      // Tests do not need each commit flushed to disk; an fsync per commit would dominate their time.
      return `${schema.url}%20-c%20synchronous_commit%3Doff`;
    },
    async dropAll() {
      for (const s of schemas.splice(0)) await s.drop();
    },
  };
}

/** The stores a suite runs on, for `describe.each`: SQLite always, PostgreSQL when reachable (a fresh schema each). */
export function storesOf(
  pg: Awaited<ReturnType<typeof postgresTarget>>,
): Array<[string, boolean, () => Promise<{ databaseUrl?: string }>]> {
  return [
    ["SQLite", true, async () => ({})],
    ["PostgreSQL", pg.available, async () => ({ databaseUrl: await pg.schemaUrl() })],
  ];
}
