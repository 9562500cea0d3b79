import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePortalSchemas, identityKeys, loadSigningSecret, useSecretBox } from "@overture/channels";
import { createSecretBox, openOverture } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOverture } from "./run-overture.ts";

// Issue 12, finding 9: the identity secret behind customer tokens could not be rotated.
describe("overture rotate-identity-secret", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "overture-rotate-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("makes a new current key and keeps the previous one verifying for the overlap", async () => {
    const first = await runOverture(["rotate-identity-secret", "--data", dir, "--overlap", "3600"], {
      OVERTURE_CLOCK_FILE: undefined,
    });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^identity key 1: verifies until \d{4}-\d\d-\d\dT[\d:.]+Z\nidentity key 2: current\n/);
    expect(first.stdout).not.toMatch(/secret":|[A-Za-z0-9_-]{43}/);
    const overture = await openOverture({ dataDir: dir, durability: "normal" });
    try {
      await ensurePortalSchemas(overture.store);
      const { workspaceId } = await overture.workspaces.ensureDefault();
      // The secrets are sealed at rest: in clear only through the server's secret (here secret.txt in the data folder).
      const raw = JSON.stringify(await overture.store.sql.all("SELECT secret FROM identity_secrets"));
      useSecretBox(overture.store, createSecretBox(loadSigningSecret(dir)));
      const keys = await identityKeys(overture.store, workspaceId, Date.now());
      for (const key of keys) expect(raw).not.toContain(key.secret);
      expect(keys.map((k) => [k.keyId, k.retiresAt === null])).toEqual([
        [1, false],
        [2, true],
      ]);
    } finally {
      await overture.close();
    }
    expect((await runOverture(["rotate-identity-secret", "--overlap", "-1", "--data", dir])).code).toBe(2);
  });
});
