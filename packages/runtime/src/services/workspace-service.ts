import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { ApiKeyKind, WorkspaceKeys } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import type { WorkspaceService } from "../runtime-types.ts";
import type { Store } from "../store/store.ts";

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

/** Creates workspaces with a secret key (management API) and a write key (event ingestion). */
export function createWorkspaceService(
  store: Store,
  clock: Clock,
  keyFile?: { read(): WorkspaceKeys | null; write(keys: WorkspaceKeys): void },
): WorkspaceService {
  const known = new Map<string, { found: { workspaceId: string; kind: ApiKeyKind }; until: number }>();
  const create = async (name: string, id: string = randomUUID()): Promise<WorkspaceKeys> => {
    const now = clock.now();
    await store.insertWorkspace({ id, name, createdAt: now });
    const keys = { workspaceId: id, secretKey: newKey("secret"), writeKey: newKey("write") };
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.secretKey), kind: "secret", createdAt: now });
    await store.insertApiKey({ workspaceId: id, keyHash: hashKey(keys.writeKey), kind: "write", createdAt: now });
    return keys;
  };
  return {
    create: (name) => create(name),
    async ensureDefault() {
      const saved = keyFile?.read();
      if (saved && (await store.findApiKey(hashKey(saved.secretKey)))) return saved;
      if (await store.getWorkspace(DEFAULT_WORKSPACE_ID)) {
        // The keys were lost: issue new ones rather than lock the operator out.
        const now = clock.now();
        const keys = { workspaceId: DEFAULT_WORKSPACE_ID, secretKey: newKey("secret"), writeKey: newKey("write") };
        await store.insertApiKey({ workspaceId: DEFAULT_WORKSPACE_ID, keyHash: hashKey(keys.secretKey), kind: "secret", createdAt: now });
        await store.insertApiKey({ workspaceId: DEFAULT_WORKSPACE_ID, keyHash: hashKey(keys.writeKey), kind: "write", createdAt: now });
        keyFile?.write(keys);
        return keys;
      }
      const keys = await create("Default", DEFAULT_WORKSPACE_ID);
      keyFile?.write(keys);
      return keys;
    },
    async authenticate(key) {
      // Every portal page render and event batch presents a key: keys found are remembered for a few seconds, so
      // the hot paths skip a hash and a query. Keys are never revoked yet; when they are, this bounds the delay.
      const now = clock.now();
      const cached = known.get(key);
      if (cached && cached.until > now) return cached.found;
      const found = await store.findApiKey(hashKey(key));
      if (found) {
        if (known.size >= KNOWN_KEYS_MAX) known.clear();
        known.set(key, { found, until: now + KNOWN_KEY_MS });
      }
      return found;
    },
  };
}
