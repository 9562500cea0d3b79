import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestSchema, postgresAvailable, type TestSchema, testDatabaseUrl } from "@overture/testkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

const available = await postgresAvailable(testDatabaseUrl());

/** Starts the demo server, sends 50 anonymous GET /demo/library at once, and stops it; returns its keys and key counts. */
async function startAndBrowse(options: { dataDir: string; databaseUrl?: string }) {
  const running: RunningServe = await startServe({ port: 0, host: "127.0.0.1", demo: true, ...options });
  try {
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${running.url}/demo/library`)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    const counts = await running.overture.store.sql.all<{ kind: string; n: number | string }>(
      "SELECT kind, count(*) AS n FROM api_keys GROUP BY kind ORDER BY kind",
    );
    return { keys: running.keys, counts: counts.map((c) => [c.kind, Number(c.n)]) };
  } finally {
    await running.close();
  }
}

/**
 * Issue 12, finding 5: keys are created once per workspace, never per start or per request. Before, on PostgreSQL,
 * every start and every anonymous GET /demo/library minted a key pair that was never revoked.
 */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("the default workspace's keys on %s", (_name, postgres) => {
  let schema: TestSchema | undefined;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "overture-serve-keys-"));
    vi.stubEnv("OVERTURE_SECRET", "serve-keys-test-secret");
    vi.stubEnv("SMTP_URL", "");
    if (postgres && available) schema = await createTestSchema(testDatabaseUrl());
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await schema?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.skipIf(postgres && !available)("are one pair across three starts and 150 demo requests", async () => {
    const databaseUrl = schema?.url;
    const first = await startAndBrowse({ dataDir, databaseUrl });
    expect(first.keys.created).toBe(true);
    for (let start = 2; start <= 3; start++) {
      const again = await startAndBrowse({ dataDir, databaseUrl });
      expect(again.keys).toMatchObject({
        secretKey: first.keys.secretKey,
        writeKey: first.keys.writeKey,
        created: false,
      });
      expect(again.counts).toEqual([
        ["secret", 1],
        ["write", 1],
      ]);
    }
  });

  it.skipIf(!postgres || !available)(
    "refuses to start with another OVERTURE_SECRET than the keys were sealed with, and mints none",
    async () => {
      vi.stubEnv("OVERTURE_SECRET", "another-secret");
      await expect(
        startServe({ port: 0, host: "127.0.0.1", demo: false, dataDir, databaseUrl: schema?.url }),
      ).rejects.toThrow(/sealed with another OVERTURE_SECRET/);
      vi.stubEnv("OVERTURE_SECRET", "serve-keys-test-secret");
      const again = await startAndBrowse({ dataDir, databaseUrl: schema?.url });
      expect(again.counts).toEqual([
        ["secret", 1],
        ["write", 1],
      ]);
    },
  );

  it.skipIf(!postgres || !available)(
    "after a rotation with OVERTURE_SECRET_PREVIOUS keeps the same key pair and seals it with the new secret",
    async () => {
      const sealed = async () => {
        const running = await startServe({
          port: 0,
          host: "127.0.0.1",
          demo: false,
          dataDir,
          databaseUrl: schema?.url,
        });
        try {
          const [row] = await running.overture.store.sql.all<{ sealed: string }>(
            "SELECT sealed FROM workspace_key_vault",
          );
          return { keys: running.keys, sealed: row?.sealed };
        } finally {
          await running.close();
        }
      };
      const before = await sealed();
      vi.stubEnv("OVERTURE_SECRET", "the-rotated-secret");
      vi.stubEnv("OVERTURE_SECRET_PREVIOUS", "serve-keys-test-secret");
      const rotated = await sealed();
      expect(rotated.keys).toMatchObject({
        secretKey: before.keys.secretKey,
        writeKey: before.keys.writeKey,
        created: false,
      });
      expect(rotated.sealed).not.toBe(before.sealed);
      // Sealed again: the new secret alone opens them now, and still no key was minted.
      vi.stubEnv("OVERTURE_SECRET_PREVIOUS", "");
      const after = await startAndBrowse({ dataDir, databaseUrl: schema?.url });
      expect(after.keys).toMatchObject({ secretKey: before.keys.secretKey, created: false });
      expect(after.counts).toEqual([
        ["secret", 1],
        ["write", 1],
      ]);
      vi.stubEnv("OVERTURE_SECRET", "serve-keys-test-secret");
    },
  );

  it.skipIf(!postgres)("refuses PostgreSQL without OVERTURE_SECRET", async () => {
    vi.stubEnv("OVERTURE_SECRET", "");
    await expect(
      startServe({ port: 0, host: "127.0.0.1", demo: false, dataDir, databaseUrl: "postgres://127.0.0.1:1/none" }),
    ).rejects.toThrow(/OVERTURE_SECRET is required with PostgreSQL/);
    vi.stubEnv("OVERTURE_SECRET", "serve-keys-test-secret");
  });
});
