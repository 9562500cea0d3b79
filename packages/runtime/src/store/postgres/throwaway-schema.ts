import { randomBytes } from "node:crypto";

/** A schema of its own on a PostgreSQL database; `url` connects with it as the search path. */
export type ThrowawaySchema = { url: string; schema: string; drop(): Promise<void> };

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
  // Loaded on use: the runtime's entry point does not load the PostgreSQL driver for SQLite users.
  const { default: pg } = await import("pg");
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
 * Creates a fresh, uniquely named schema, so a run that must leave the database as it found it (`overture simulate
 * --store postgres`, each test file) has tables of its own; `drop()` removes it with everything in it.
 */
export async function createThrowawaySchema(url: string, prefix = "run"): Promise<ThrowawaySchema> {
  // Lower-case letters, digits and "_" only, so the name needs no quoting anywhere (including in search_path).
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new RangeError(`not a plain schema name: ${schema}`);
  await run(url, `create schema ${schema}`);
  return {
    url: withSearchPath(url, schema),
    schema,
    drop: () => run(url, `drop schema if exists ${schema} cascade`),
  };
}
