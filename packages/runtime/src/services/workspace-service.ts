import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { ApiKeyKind, DefaultWorkspaceKeys, KeyGrant, WorkspaceKeys } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import type { WorkspaceService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";
import type { KeyVault } from "./sealed-keys.ts";

/** The id of the workspace a single-team install uses. */
export const DEFAULT_WORKSPACE_ID = "default";

/** Keys are stored hashed; only their owner ever sees them in clear. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** How long a key found stays trusted without asking the store again, and how many are remembered. */
const KNOWN_KEY_MS = 10_000;
const KNOWN_KEYS_MAX = 1_000;

function newKey(kind: ApiKeyKind): string {
  return `${kind === "secret" ? "ovt_sk_" : "ovt_wk_"}${randomBytes(18).toString("base64url")}`;
}

/**
 * Creates workspaces with a secret key (management API) and a write key (event ingestion). The default workspace's
 * keys are created once: `keyVault` keeps them between starts, and one process asks the store for them only once.
 */
export function createWorkspaceService(store: Store, clock: Clock, keyVault?: KeyVault): WorkspaceService {
  const known = new Map<string, { found: KeyGrant; until: number }>();
  const create = async (name: string, id: string = randomUUID()): Promise<WorkspaceKeys> => {
    const now = clock.now();
    await store.insertWorkspace({ id, name, createdAt: now });
    const keys = { workspaceId: id, secretKey: newKey("secret"), writeKey: newKey("write") };
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.secretKey), kind: "secret", createdAt: now });
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.writeKey), kind: "write", createdAt: now });
    return keys;
  };
  const findOrCreateDefault = async (): Promise<DefaultWorkspaceKeys> => {
    const saved = await keyVault?.read();
    if (saved && (await store.findApiKey(hashKey(saved.secretKey)))) return { ...saved, created: false };
    if (await store.getWorkspace(DEFAULT_WORKSPACE_ID)) {
      // The keys were never kept (an install older than the vault) or were deleted: issue new ones once, and keep
      // them, rather than lock the operator out.
      const now = clock.now();
      const keys = { workspaceId: DEFAULT_WORKSPACE_ID, secretKey: newKey("secret"), writeKey: newKey("write") };
      await store.insertApiKey({
        workspaceId: DEFAULT_WORKSPACE_ID,
        keyHash: hashKey(keys.secretKey),
        kind: "secret",
        createdAt: now,
      });
      await store.insertApiKey({
        workspaceId: DEFAULT_WORKSPACE_ID,
        keyHash: hashKey(keys.writeKey),
        kind: "write",
        createdAt: now,
      });
      await keyVault?.write(keys);
      return { ...keys, created: true };
    }
    const keys = await create("Default", DEFAULT_WORKSPACE_ID);
    await keyVault?.write(keys);
    return { ...keys, created: true };
  };
  // One lookup per process: concurrent first calls (demo requests) share it instead of each minting keys.
  let defaultKeys: Promise<DefaultWorkspaceKeys> | undefined;
  return {
    create: (name) => create(name),
    ensureDefault() {
      defaultKeys ??= findOrCreateDefault().catch((error: unknown) => {
        defaultKeys = undefined;
        throw error;
      });
      return defaultKeys;
    },
    async authenticate(key) {
      // Every portal page render and event batch presents a key: keys found are remembered for a few seconds, so
      // the hot paths skip a hash and a query. Keys are never revoked yet; when they are, this bounds the delay.
      const now = clock.now();
      const cached = known.get(key);
      if (cached && cached.until > now) return cached.found;
      const keyHash = hashKey(key);
      const row = await store.findApiKey(keyHash);
      const found = row ? grantOf(row, keyHash) : null;
      if (found) {
        if (known.size >= KNOWN_KEYS_MAX) known.clear();
        known.set(key, { found, until: now + KNOWN_KEY_MS });
      }
      return found;
    },
  };
}

/** Today's two keys as scoped keys: the secret key manages (and so may do everything), the write key ingests. */
function grantOf(row: { workspaceId: string; kind: ApiKeyKind }, keyHash: string): KeyGrant {
  const secret = row.kind === "secret";
  return {
    workspaceId: row.workspaceId,
    kind: row.kind,
    keyId: keyHash.slice(0, 16),
    name: secret ? "Secret key" : "Write key",
    scopes: secret ? ["manage"] : ["ingest"],
  };
}
