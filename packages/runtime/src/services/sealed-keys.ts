import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { WorkspaceKeys } from "../api.ts";
import { PermanentError } from "../errors.ts";
import type { SqlMigration } from "../store/sql-runner.ts";
import type { Store } from "../store/store.ts";

/** Where the default workspace's keys are kept between starts: keys.json on SQLite, sealed in the database on PostgreSQL. */
export type KeyVault = {
  read(): Promise<WorkspaceKeys | null> | WorkspaceKeys | null;
  write(keys: WorkspaceKeys): Promise<void> | void;
};

/** The code of the error thrown when the sealed keys cannot be opened with the secret given. */
export const KEYS_UNREADABLE = "workspace_keys_unreadable";

/** The table of sealed keys, numbered for `store.sql.migrate`. */
export const KEY_VAULT_MIGRATIONS: SqlMigration[] = [
  {
    id: "keys_0001_vault",
    sqlite: "CREATE TABLE workspace_key_vault (workspace_id TEXT PRIMARY KEY, sealed TEXT NOT NULL, created_at INTEGER NOT NULL)",
    postgres: `CREATE TABLE workspace_key_vault (workspace_id text COLLATE "C" PRIMARY KEY, sealed text NOT NULL, created_at bigint NOT NULL)`,
  },
];

/**
 * Keeps the default workspace's keys in the database, encrypted (AES-256-GCM) with a key derived from
 * `OVERTURE_SECRET`, so every start and every process finds the same keys instead of minting new ones (issue 12,
 * finding 5). Reading with another secret throws PermanentError(`workspace_keys_unreadable`), never mints.
 */
export function sealedKeyVault(store: Store, secret: string, workspaceId: string, now: () => number): KeyVault {
  const key = Buffer.from(hkdfSync("sha256", secret, "overture", "workspace-key-vault/v1", 32));
  let migrated: Promise<unknown> | undefined;
  const ready = () => (migrated ??= store.sql.migrate(KEY_VAULT_MIGRATIONS));
  return {
    async read() {
      await ready();
      const [row] = await store.sql.all<{ sealed: string }>("SELECT sealed FROM workspace_key_vault WHERE workspace_id = ?", [workspaceId]);
      if (!row) return null;
      const keys = openSealed(key, row.sealed);
      if (!keys)
        throw new PermanentError(
          KEYS_UNREADABLE,
          `The keys of workspace '${workspaceId}' were sealed with another OVERTURE_SECRET: start with the secret they were sealed with (see docs/security.md to rotate it)`,
        );
      return keys;
    },
    async write(keys) {
      await ready();
      const sealed = seal(key, keys);
      const updated = await store.sql.run("UPDATE workspace_key_vault SET sealed = ? WHERE workspace_id = ?", [sealed, workspaceId]);
      if (updated === 0)
        await store.sql.run("INSERT INTO workspace_key_vault (workspace_id, sealed, created_at) VALUES (?, ?, ?)", [workspaceId, sealed, now()]);
    },
  };
}

function seal(key: Buffer, keys: WorkspaceKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(keys), "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

function openSealed(key: Buffer, sealed: string): WorkspaceKeys | null {
  if (!sealed.startsWith("v1.")) return null;
  const raw = Buffer.from(sealed.slice(3), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    return JSON.parse(text) as WorkspaceKeys;
  } catch {
    return null;
  }
}
