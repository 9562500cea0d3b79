import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestSchema, postgresAvailable, testDatabaseUrl, withSearchPath } from "../src/postgres.ts";

describe("withSearchPath", () => {
  it("adds the search path as a startup option, keeping other parameters", () => {
    expect(withSearchPath("postgres://u@h:5432/db", "s1")).toBe("postgres://u@h:5432/db?options=-c%20search_path%3Ds1");
    expect(withSearchPath("postgres://u@h/db?sslmode=disable&options=x", "s1")).toBe(
      "postgres://u@h/db?sslmode=disable&options=-c%20search_path%3Ds1",
    );
  });
});

describe("postgresAvailable", () => {
  it("answers false quickly when nothing listens", async () => {
    const started = performance.now();
    expect(await postgresAvailable("postgres://postgres@127.0.0.1:1/test")).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_500);
  });
});

const available = await postgresAvailable();

describe.skipIf(!available)(`createTestSchema on ${testDatabaseUrl()}`, () => {
  it("gives each caller its own schema, used by every connection from its url, and drops it", async () => {
    const a = await createTestSchema();
    const b = await createTestSchema();
    expect(a.schema).not.toBe(b.schema);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    try {
      await client.query("create table t (x int)");
      const { rows } = await client.query<{ schema: string }>(
        "select table_schema as schema from information_schema.tables where table_name = 't'",
      );
      expect(rows.map((r) => r.schema)).toContain(a.schema);
      expect(rows.map((r) => r.schema)).not.toContain(b.schema);
    } finally {
      await client.end();
    }
    await a.drop();
    await b.drop();
    const check = new pg.Client({ connectionString: testDatabaseUrl() });
    await check.connect();
    const { rows } = await check.query("select 1 from information_schema.schemata where schema_name = any($1)", [
      [a.schema, b.schema],
    ]);
    await check.end();
    expect(rows).toHaveLength(0);
  });
});
