import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { ApiKeyKind, ApiKeyScope, KeyGrant } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import { InputError } from "../errors.ts";
import { json, num } from "../store/rows.ts";
import type { Store } from "../store/store.ts";

/** Keys are stored hashed; only their owner ever sees them in clear. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A key as listed: never the key itself nor its hash, only a hint (prefix and last 4 characters). */
export type ApiKeyRecord = {
  id: string;
  workspaceId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The masked key, e.g. `ovt_k_…Xy3Q`. */
  hint: string;
  createdAt: number;
  /** Who created it (a member's or key's name; empty for the keys a workspace starts with). */
  createdBy: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  state: "active" | "expired" | "revoked";
};

/** A key just created: the one time its clear value is shown. */
export type CreatedApiKey = ApiKeyRecord & { key: string };

/** The longest overlap a rotation may give the key it replaces: 30 days. */
export const MAX_ROTATION_OVERLAP_SECONDS = 30 * 86_400;

/** Many named, scoped keys per workspace: create, list, revoke, rotate, and authenticate a key presented. */
export type KeyService = {
  create(
    workspaceId: string,
    input: { name: string; scopes: ApiKeyScope[]; expiresAt?: number | null; createdBy?: string; prefix?: string },
  ): Promise<CreatedApiKey>;
  /** The workspace's keys, newest first (revoked and expired ones too, with their state). */
  list(workspaceId: string): Promise<ApiKeyRecord[]>;
  /** Revokes a key at once (in this process; other processes within {@link KNOWN_KEY_MS}). Throws not_found. */
  revoke(workspaceId: string, id: string): Promise<ApiKeyRecord>;
  /**
   * A new key with the same name, scopes and expiry; the old one keeps working until now + overlap. Throws not_found,
   * or invalid_state for a revoked or expired key.
   */
  rotate(
    workspaceId: string,
    id: string,
    options: { overlapSeconds: number; createdBy?: string },
  ): Promise<{ key: CreatedApiKey; previous: ApiKeyRecord }>;
  /** The grant of a key presented; null for an unknown, revoked or expired one. */
  authenticate(key: string): Promise<KeyGrant | null>;
  /** Whether the key is known and usable now (the default workspace's vault check). */
  isUsable(key: string): Promise<boolean>;
};

/**
 * How long a key found stays trusted without asking the store again. A key revoked in this process is dropped at
 * once; another process (PostgreSQL, several servers) stops accepting it within this bound.
 */
export const KNOWN_KEY_MS = 10_000;
const KNOWN_KEYS_MAX = 1_000;
/** last_used_at is written at most this often per key, so a busy key costs no write per request. */
export const LAST_USED_EVERY_MS = 60_000;

const COLUMNS =
  "id, workspace_id, name, scopes, hint, created_at, created_by, expires_at, last_used_at, revoked_at, kind";

/** A key service on the runtime's `api_keys` table (`clock` decides expiry, so the virtual clock moves it). */
export function createKeyService(store: Store, clock: Clock): KeyService {
  const known = new Map<string, { found: KeyGrant; expiresAt: number | null; until: number }>();
  const usedWritten = new Map<string, number>();
  const forget = (id: string) => {
    for (const [key, entry] of known) if (entry.found.keyId === id) known.delete(key);
  };
  const findRow = async (workspaceId: string, id: string) => {
    const [row] = await store.sql.all(`SELECT ${COLUMNS} FROM api_keys WHERE workspace_id = ? AND id = ?`, [
      workspaceId,
      id,
    ]);
    if (!row) throw new InputError("not_found", `No API key '${id}' in this workspace.`);
    return listed(recordOf(row, clock.now()));
  };
  const markUsed = async (id: string, now: number) => {
    const last = usedWritten.get(id);
    if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
    usedWritten.set(id, now);
    if (usedWritten.size > KNOWN_KEYS_MAX) usedWritten.clear();
    await store.sql.run("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [now, id]).catch(() => {});
  };
  const create: KeyService["create"] = async (workspaceId, input) => {
    const now = clock.now();
    const prefix = input.prefix ?? "ovt_k_";
    const key = `${prefix}${randomBytes(18).toString("base64url")}`;
    const id = randomUUID();
    const hint = `${prefix}…${key.slice(-4)}`;
    const kind: ApiKeyKind = input.scopes.includes("manage") ? "secret" : "write";
    await store.sql.run(
      `INSERT INTO api_keys (key_hash, workspace_id, kind, created_at, id, name, scopes, hint, expires_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        hashKey(key),
        workspaceId,
        kind,
        now,
        id,
        input.name,
        JSON.stringify(input.scopes),
        hint,
        input.expiresAt ?? null,
        input.createdBy ?? "",
      ],
    );
    const record: ApiKeyRecord = {
      id,
      workspaceId,
      name: input.name,
      scopes: [...input.scopes],
      hint,
      createdAt: now,
      createdBy: input.createdBy ?? "",
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
      state: stateOf(input.expiresAt ?? null, null, now),
    };
    return { ...record, key };
  };
  const lookup = async (key: string) => {
    const [row] = await store.sql.all(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`, [hashKey(key)]);
    return row ? recordOf(row, clock.now()) : null;
  };
  return {
    create,
    async list(workspaceId) {
      const rows = await store.sql.all(
        `SELECT ${COLUMNS} FROM api_keys WHERE workspace_id = ? ORDER BY created_at DESC, id`,
        [workspaceId],
      );
      const now = clock.now();
      return rows.map((row) => listed(recordOf(row, now)));
    },
    async revoke(workspaceId, id) {
      await findRow(workspaceId, id);
      await store.sql.run(
        "UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL",
        [clock.now(), workspaceId, id],
      );
      forget(id);
      return findRow(workspaceId, id);
    },
    async rotate(workspaceId, id, options) {
      const old = await findRow(workspaceId, id);
      if (old.state !== "active")
        throw new InputError("invalid_state", `The key '${old.name}' is ${old.state}: create a new key instead.`);
      const overlap = Math.min(Math.max(0, options.overlapSeconds), MAX_ROTATION_OVERLAP_SECONDS) * 1000;
      const created = await create(workspaceId, {
        name: old.name,
        scopes: old.scopes,
        expiresAt: old.expiresAt,
        createdBy: options.createdBy,
        prefix: old.hint.slice(0, old.hint.indexOf("…")) || undefined,
      });
      const until = Math.min(old.expiresAt ?? Number.POSITIVE_INFINITY, clock.now() + overlap);
      await store.sql.run("UPDATE api_keys SET expires_at = ? WHERE workspace_id = ? AND id = ?", [
        until,
        workspaceId,
        id,
      ]);
      forget(id);
      return { key: created, previous: await findRow(workspaceId, id) };
    },
    async authenticate(key) {
      // Every portal page render and event batch presents a key: keys found are remembered for a few seconds, so the
      // hot paths skip a hash and a query. Expiry is checked on every call, so the cache never outlives it.
      const now = clock.now();
      const cached = known.get(key);
      if (cached && cached.until > now && (cached.expiresAt === null || cached.expiresAt > now)) {
        await markUsed(cached.found.keyId, now);
        return cached.found;
      }
      known.delete(key);
      const record = await lookup(key);
      if (record?.state !== "active") return null;
      const found = grantOf(record);
      if (known.size >= KNOWN_KEYS_MAX) known.clear();
      known.set(key, { found, expiresAt: record.expiresAt, until: now + KNOWN_KEY_MS });
      await markUsed(record.id, now);
      return found;
    },
    async isUsable(key) {
      return (await lookup(key))?.state === "active";
    },
  };
}

function stateOf(expiresAt: number | null, revokedAt: number | null, now: number): ApiKeyRecord["state"] {
  if (revokedAt !== null) return "revoked";
  return expiresAt !== null && expiresAt <= now ? "expired" : "active";
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function recordOf(row: Record<string, unknown>, now: number): ApiKeyRecord & { kind: ApiKeyKind } {
  const expiresAt = numOrNull(row.expires_at);
  const revokedAt = numOrNull(row.revoked_at);
  return {
    id: row.id as string,
    workspaceId: row.workspace_id as string,
    name: row.name as string,
    scopes: json<ApiKeyScope[]>(row.scopes),
    hint: row.hint as string,
    createdAt: num(row.created_at),
    createdBy: row.created_by as string,
    expiresAt,
    lastUsedAt: numOrNull(row.last_used_at),
    revokedAt,
    state: stateOf(expiresAt, revokedAt, now),
    kind: row.kind as ApiKeyKind,
  };
}

/** A record as the API lists it: `kind` is for the callers of a grant only. */
function listed({ kind: _kind, ...record }: ApiKeyRecord & { kind: ApiKeyKind }): ApiKeyRecord {
  return record;
}

function grantOf(record: ApiKeyRecord & { kind: ApiKeyKind }): KeyGrant {
  return {
    workspaceId: record.workspaceId,
    kind: record.kind,
    keyId: record.id,
    name: record.name,
    scopes: record.scopes,
  };
}
