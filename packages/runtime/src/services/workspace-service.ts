import { randomBytes, randomUUID } from "node:crypto";
import type { ApiKeyKind, DefaultWorkspaceKeys, WorkspaceKeys } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import type { WorkspaceService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";
import { createKeyService, hashKey, type KeyService } from "./key-service.ts";
import type { KeyVault } from "./sealed-keys.ts";

/** The id of the workspace a single-team install uses. */
export const DEFAULT_WORKSPACE_ID = "default";

function newKey(kind: ApiKeyKind): string {
  return `${kind === "secret" ? "ovt_sk_" : "ovt_wk_"}${randomBytes(18).toString("base64url")}`;
}

/**
 * Creates workspaces with a secret key (management API) and a write key (event ingestion). The default workspace's
 * keys are created once: `keyVault` keeps them between starts, and one process asks the store for them only once.
 */
export function createWorkspaceService(
  store: Store,
  clock: Clock,
  keyVault?: KeyVault,
  keyService: KeyService = createKeyService(store, clock),
): WorkspaceService {
  const create = async (name: string, id: string = randomUUID()): Promise<WorkspaceKeys> => {
    const now = clock.now();
    await store.insertWorkspace({ id, name, createdAt: now });
    const keys = { workspaceId: id, secretKey: newKey("secret"), writeKey: newKey("write") };
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.secretKey), kind: "secret", createdAt: now });
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.writeKey), kind: "write", createdAt: now });
    await writeHints(store, keys);
    return keys;
  };
  const findOrCreateDefault = async (): Promise<DefaultWorkspaceKeys> => {
    const saved = await keyVault?.read();
    if (saved && (await keyService.isUsable(saved.secretKey))) {
      await writeHints(store, saved);
      return { ...saved, created: false };
    }
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
      await writeHints(store, keys);
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
    authenticate: (key) => keyService.authenticate(key),
  };
}

/**
 * The default workspace's keys were stored before keys had hints (migration 0010/0012 could not know their last
 * characters): the vault knows them, so the keys list can show them masked like any other.
 */
async function writeHints(store: Store, saved: WorkspaceKeys): Promise<void> {
  for (const key of [saved.secretKey, saved.writeKey]) {
    const hint = `${key.slice(0, 7)}…${key.slice(-4)}`;
    await store.sql.run("UPDATE api_keys SET hint = ? WHERE key_hash = ? AND hint <> ?", [hint, hashKey(key), hint]);
  }
}
