import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../src/clock/clock.ts";
import { type Overture, openOverture } from "../src/overture.ts";
import { createKeyService, KNOWN_KEY_MS, LAST_USED_EVERY_MS } from "../src/services/key-service.ts";
import { postgresTarget } from "./postgres-target.ts";

const target = await postgresTarget();
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Issue 13, "Keys": named, scoped keys with expiry, revocation and rotation, on both stores. */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("API keys on %s", (_name, postgres) => {
  let overture: Overture;
  let clock: VirtualClock;
  let dir: string;
  let ws: string;
  beforeEach(async () => {
    if (postgres && !target.available) return;
    dir = mkdtempSync(join(tmpdir(), "overture-keys-"));
    clock = new VirtualClock(T0);
    overture = await openOverture(
      postgres ? { databaseUrl: await target.schemaUrl(), clock } : { dataDir: dir, durability: "normal", clock },
    );
    ws = (await overture.workspaces.ensureDefault()).workspaceId;
  });
  afterEach(async () => {
    await overture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => target.dropAll());
  const skip = postgres && !target.available;

  it.skipIf(skip)("lists the two keys of before as a manage key and an ingest key, masked", async () => {
    const keys = await overture.workspaces.ensureDefault();
    const listed = await overture.keys.list(ws);
    expect(listed.map((k) => [k.name, k.scopes, k.state])).toEqual(
      expect.arrayContaining([
        ["Secret key", ["manage"], "active"],
        ["Write key", ["ingest"], "active"],
      ]),
    );
    const secret = listed.find((k) => k.name === "Secret key");
    expect(secret?.hint).toBe(`ovt_sk_…${keys.secretKey.slice(-4)}`);
    expect(JSON.stringify(listed)).not.toContain(keys.secretKey);
    const grant = await overture.workspaces.authenticate(keys.writeKey);
    expect(grant).toMatchObject({ workspaceId: ws, kind: "write", name: "Write key", scopes: ["ingest"] });
  });

  it.skipIf(skip)(
    "creates a key shown once, then listed masked, and authenticates it with its id, name and scopes",
    async () => {
      const created = await overture.keys.create(ws, { name: "CI reader", scopes: ["read"], createdBy: "Ada" });
      expect(created.key).toMatch(/^ovt_k_/);
      expect(created.hint).toBe(`ovt_k_…${created.key.slice(-4)}`);
      const [listed] = (await overture.keys.list(ws)).filter((k) => k.id === created.id);
      expect(listed).toMatchObject({ name: "CI reader", scopes: ["read"], createdBy: "Ada", state: "active" });
      expect(listed).not.toHaveProperty("key");
      expect(await overture.workspaces.authenticate(created.key)).toEqual({
        workspaceId: ws,
        kind: "write",
        keyId: created.id,
        name: "CI reader",
        scopes: ["read"],
      });
    },
  );

  it.skipIf(skip)("refuses a revoked key at once, although this process had it cached", async () => {
    const created = await overture.keys.create(ws, { name: "Temp", scopes: ["ingest"] });
    expect(await overture.workspaces.authenticate(created.key)).not.toBeNull();
    const revoked = await overture.keys.revoke(ws, created.id);
    expect(revoked.state).toBe("revoked");
    expect(revoked.revokedAt).toBe(T0);
    expect(await overture.workspaces.authenticate(created.key)).toBeNull();
    await expect(overture.keys.revoke(ws, "no-such-key")).rejects.toMatchObject({ code: "not_found" });
  });

  it.skipIf(skip)("another process refuses a revoked key within the cache's bound", async () => {
    const created = await overture.keys.create(ws, { name: "Shared", scopes: ["ingest"] });
    const other = createKeyService(overture.store, clock);
    expect(await other.authenticate(created.key)).not.toBeNull();
    await overture.keys.revoke(ws, created.id);
    // Cached in the other process: still accepted until its entry runs out, then refused.
    expect(await other.authenticate(created.key)).not.toBeNull();
    clock.advance(KNOWN_KEY_MS + 1);
    expect(await other.authenticate(created.key)).toBeNull();
  });

  it.skipIf(skip)("stops accepting a key when it expires, on the virtual clock", async () => {
    const created = await overture.keys.create(ws, { name: "Week", scopes: ["read"], expiresAt: T0 + 60_000 });
    expect(await overture.workspaces.authenticate(created.key)).not.toBeNull();
    clock.advance(59_000);
    expect(await overture.workspaces.authenticate(created.key)).not.toBeNull();
    clock.advance(1_000);
    expect(await overture.workspaces.authenticate(created.key)).toBeNull();
    expect((await overture.keys.list(ws)).find((k) => k.id === created.id)?.state).toBe("expired");
  });

  it.skipIf(skip)(
    "rotates: a new key with the same name and scopes, the old one working until the overlap ends",
    async () => {
      const old = await overture.keys.create(ws, { name: "Backend", scopes: ["ingest", "portal"] });
      const { key, previous } = await overture.keys.rotate(ws, old.id, { overlapSeconds: 3_600 });
      expect(key).toMatchObject({ name: "Backend", scopes: ["ingest", "portal"], state: "active" });
      expect(key.key).not.toBe(old.key);
      expect(previous.expiresAt).toBe(T0 + 3_600_000);
      clock.advance(3_599_000);
      expect(await overture.workspaces.authenticate(old.key)).not.toBeNull();
      clock.advance(1_000);
      expect(await overture.workspaces.authenticate(old.key)).toBeNull();
      expect(await overture.workspaces.authenticate(key.key)).toMatchObject({ keyId: key.id, name: "Backend" });
      await expect(overture.keys.rotate(ws, old.id, { overlapSeconds: 0 })).rejects.toMatchObject({
        code: "invalid_state",
      });
    },
  );

  it.skipIf(skip)("writes last_used_at at most once a minute per key", async () => {
    const created = await overture.keys.create(ws, { name: "Busy", scopes: ["ingest"] });
    const lastUsed = async () => (await overture.keys.list(ws)).find((k) => k.id === created.id)?.lastUsedAt;
    await overture.workspaces.authenticate(created.key);
    expect(await lastUsed()).toBe(T0);
    clock.advance(30_000);
    await overture.workspaces.authenticate(created.key);
    expect(await lastUsed()).toBe(T0);
    clock.advance(LAST_USED_EVERY_MS);
    await overture.workspaces.authenticate(created.key);
    expect(await lastUsed()).toBe(T0 + 30_000 + LAST_USED_EVERY_MS);
  });
});
