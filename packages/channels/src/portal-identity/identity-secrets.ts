import { randomBytes } from "node:crypto";
import { type SecretBox, SecretUnreadableError, type SqlMigration, type Store } from "@overture/runtime";
import { num, numOrNull } from "../content/rows.ts";
import { secretBoxOf } from "../secrets/store-secret-box.ts";

/**
 * The identity module's tables. 0001 kept one secret per workspace; 0002 keeps several, each with a key id, so the
 * secret can rotate while tokens signed by the previous one still verify (existing secrets become key id 1).
 * 0003 holds each workspace's identity settings (the attributes only a signed identity may change).
 */
export const PORTAL_IDENTITY_MIGRATIONS: SqlMigration[] = [
  {
    id: "portal_identity_0001",
    sqlite:
      "CREATE TABLE portal_identity_secrets (workspace_id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at INTEGER NOT NULL);",
    postgres:
      "CREATE TABLE portal_identity_secrets (workspace_id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at BIGINT NOT NULL);",
  },
  {
    id: "portal_identity_0002",
    sqlite: `CREATE TABLE identity_secrets (workspace_id TEXT NOT NULL, key_id INTEGER NOT NULL, secret TEXT NOT NULL, created_at INTEGER NOT NULL,
               retires_at INTEGER, PRIMARY KEY (workspace_id, key_id));
             INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) SELECT workspace_id, 1, secret, created_at FROM portal_identity_secrets;`,
    postgres: `CREATE TABLE identity_secrets (workspace_id TEXT NOT NULL, key_id INTEGER NOT NULL, secret TEXT NOT NULL, created_at BIGINT NOT NULL,
                 retires_at BIGINT, PRIMARY KEY (workspace_id, key_id));
               INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) SELECT workspace_id, 1, secret, created_at FROM portal_identity_secrets;`,
  },
  {
    id: "portal_identity_0003",
    sqlite:
      "CREATE TABLE identity_settings (workspace_id TEXT PRIMARY KEY, protected_attributes TEXT NOT NULL, updated_at INTEGER NOT NULL);",
    postgres:
      "CREATE TABLE identity_settings (workspace_id TEXT PRIMARY KEY, protected_attributes TEXT NOT NULL, updated_at BIGINT NOT NULL);",
  },
];

/** Creates the identity tables when missing; call at start-up. */
export async function ensurePortalIdentitySchema(store: Store): Promise<void> {
  await store.sql.migrate(PORTAL_IDENTITY_MIGRATIONS);
}

/**
 * One identity secret of a workspace, opened (the table keeps it sealed by the store's secret box, bound to its
 * workspace and key id). `retiresAt` null: in use; in the future: still verifying (overlap); past: retired.
 */
export type IdentityKey = { keyId: number; secret: string; createdAt: number; retiresAt: number | null };

/** How long a rotated-out secret keeps verifying by default: longer than a default customer token lives. */
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3_600_000;

// Each process keeps the keys it read for a minute of clock time, so the render path skips a query; a rotation made
// by another process is seen within that minute (the overlap covers tokens signed meanwhile by the old key).
const KEYS_FRESH_MS = 60_000;
// A token naming a key this process has not seen rereads the table, at most once a second (an unknown key id sent on
// purpose must not cost a query per request).
const UNKNOWN_KEY_REREAD_MS = 1_000;
// Kept per box as well: a store given another box (a new server secret) reads its keys again through it.
const cache = new WeakMap<Store, { box: SecretBox; keys: Map<string, { keys: IdentityKey[]; readAt: number }> }>();

function cacheOf(store: Store): Map<string, { keys: IdentityKey[]; readAt: number }> {
  const box = secretBoxOf(store);
  let known = cache.get(store);
  if (!known || known.box !== box) {
    known = { box, keys: new Map() };
    cache.set(store, known);
  }
  return known.keys;
}

/** Where a sealed identity secret lives (see SecretBox.seal): a value copied to another row or key id does not open. */
export function identitySecretContext(workspaceId: string, keyId: number): string {
  return `identity_secrets/${workspaceId}/${keyId}/secret`;
}

/** A new identity secret, sealed for its row. */
function sealedNewSecret(store: Store, workspaceId: string, keyId: number): string {
  return secretBoxOf(store).seal(randomBytes(32).toString("base64url"), identitySecretContext(workspaceId, keyId));
}

async function readKeys(store: Store, workspaceId: string): Promise<IdentityKey[]> {
  const rows = await store.sql.all(
    "SELECT key_id, secret, created_at, retires_at FROM identity_secrets WHERE workspace_id = ? ORDER BY key_id",
    [workspaceId],
  );
  const box = secretBoxOf(store);
  return rows.map((r) => {
    const keyId = num(r.key_id);
    let secret: string;
    try {
      // Rows written before sealing are read as they are (and sealed on the next start, resealIdentitySecrets).
      secret = box.open(r.secret as string, identitySecretContext(workspaceId, keyId));
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      throw new SecretUnreadableError(
        `identity secret ${keyId} of workspace '${workspaceId}' cannot be read: ${error.message}`,
      );
    }
    return { keyId, secret, createdAt: num(r.created_at), retiresAt: numOrNull(r.retires_at) };
  });
}

/** Options of {@link identityKeys}. */
export type IdentityKeysOptions = {
  /** A key a token names: when this process has not seen it, the table is read again. */
  wantKeyId?: number;
  /** Create the first secret when the workspace has none (default true; false for workspace ids nobody vouched for). */
  create?: boolean;
};

/** Every identity secret of the workspace, the first one created on first use (two hosts racing agree on it). */
export async function identityKeys(
  store: Store,
  workspaceId: string,
  now: number,
  options: IdentityKeysOptions = {},
): Promise<IdentityKey[]> {
  const { wantKeyId, create = true } = options;
  const known = cacheOf(store);
  const hit = known.get(workspaceId);
  const fresh = hit && now >= hit.readAt && now - hit.readAt < KEYS_FRESH_MS;
  const missing =
    hit &&
    wantKeyId !== undefined &&
    !hit.keys.some((k) => k.keyId === wantKeyId) &&
    now - hit.readAt >= UNKNOWN_KEY_REREAD_MS;
  if (hit && fresh && !missing) return hit.keys;
  let keys = await readKeys(store, workspaceId);
  if (keys.length === 0 && !create) return keys;
  if (keys.length === 0) {
    await store.sql.run(
      "INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) VALUES (?, 1, ?, ?) ON CONFLICT (workspace_id, key_id) DO NOTHING",
      [workspaceId, sealedNewSecret(store, workspaceId, 1), now],
    );
    keys = await readKeys(store, workspaceId);
  }
  known.set(workspaceId, { keys, readAt: now });
  return keys;
}

/** Whether a key still verifies at `now`. */
export function isKeyUsable(key: IdentityKey, now: number): boolean {
  return key.retiresAt === null || key.retiresAt > now;
}

/** The key new tokens are signed with: the newest one not set to retire. */
export async function currentIdentityKey(store: Store, workspaceId: string, now: number): Promise<IdentityKey> {
  const keys = await identityKeys(store, workspaceId, now);
  const current = [...keys].reverse().find((k) => k.retiresAt === null) ?? keys[keys.length - 1];
  if (!current) throw new Error(`workspace ${workspaceId} has no identity secret`);
  return current;
}

/** The workspace's current identity secret (what a backend signs identities with). */
export async function identitySecret(store: Store, workspaceId: string, now: number): Promise<string> {
  return (await currentIdentityKey(store, workspaceId, now)).secret;
}

/**
 * Rotates the workspace's identity secret: a new secret becomes current, the ones in use keep verifying for
 * `overlapMs`, then are retired. Returns the new key and every key with its state.
 */
export async function rotateIdentitySecret(
  store: Store,
  workspaceId: string,
  now: number,
  overlapMs = DEFAULT_ROTATION_OVERLAP_MS,
): Promise<IdentityKey[]> {
  await identityKeys(store, workspaceId, now);
  const retiresAt = now + overlapMs;
  await store.sql.transaction(async (tx) => {
    const [row] = await tx.all<{ m: unknown }>("SELECT MAX(key_id) AS m FROM identity_secrets WHERE workspace_id = ?", [
      workspaceId,
    ]);
    const next = (numOrNull(row?.m) ?? 0) + 1;
    await tx.run(
      "UPDATE identity_secrets SET retires_at = ? WHERE workspace_id = ? AND (retires_at IS NULL OR retires_at > ?)",
      [retiresAt, workspaceId, retiresAt],
    );
    await tx.run("INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) VALUES (?, ?, ?, ?)", [
      workspaceId,
      next,
      sealedNewSecret(store, workspaceId, next),
      now,
    ]);
  });
  cacheOf(store).delete(workspaceId);
  return identityKeys(store, workspaceId, now);
}
