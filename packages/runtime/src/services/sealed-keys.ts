import { createDecipheriv, hkdfSync } from "node:crypto";
import type { WorkspaceKeys } from "../api.ts";
import { PermanentError } from "../errors.ts";
import { createSecretBox, isSealedValue, SecretUnreadableError } from "../secrets/secret-box.ts";
import type { SqlMigration } from "../store/sql-runner.ts";
import type { Store } from "../store/store.ts";

/** Where the default workspace's keys are kept between starts: keys.json on SQLite, sealed in the database on PostgreSQL. */
export type KeyVault = {
  read(): Promise<WorkspaceKeys | null> | WorkspaceKeys | null;
  write(keys: WorkspaceKeys): Promise<void> | void;
};

/** The code of the error thrown when the sealed keys cannot be opened with the secrets given. */
export const KEYS_UNREADABLE = "workspace_keys_unreadable";

/** The table of sealed keys, numbered for `store.sql.migrate`. */
export const KEY_VAULT_MIGRATIONS: SqlMigration[] = [
  {
    id: "keys_0001_vault",
    sqlite:
      "CREATE TABLE workspace_key_vault (workspace_id TEXT PRIMARY KEY, sealed TEXT NOT NULL, created_at INTEGER NOT NULL)",
    postgres: `CREATE TABLE workspace_key_vault (workspace_id text COLLATE "C" PRIMARY KEY, sealed text NOT NULL, created_at bigint NOT NULL)`,
  },
];

/** Options of {@link sealedKeyVault}. */
export type SealedKeyVaultOptions = {
  /** `OVERTURE_SECRET`: the keys are sealed with it. */
  secret: string;
  /** `OVERTURE_SECRET_PREVIOUS`: keys sealed with one of these are opened and sealed again with `secret`. */
  previousSecrets?: readonly string[];
  workspaceId: string;
  now: () => number;
};

/**
 * Keeps a workspace's keys in the database, sealed by the secret box (bound to their row), so every start and every
 * process finds the same keys instead of minting new ones (issue 12, finding 5). Keys sealed with a previous secret,
 * or in the vault's first format, are sealed again with the current one when read. Keys no secret given can open
 * throw PermanentError(`workspace_keys_unreadable`), never mint.
 */
export function sealedKeyVault(store: Store, options: SealedKeyVaultOptions): KeyVault {
  const { secret, previousSecrets = [], workspaceId } = options;
  const box = createSecretBox(secret, previousSecrets);
  const context = `workspace_key_vault/${workspaceId}/sealed`;
  let migrated: Promise<unknown> | undefined;
  const ready = () => (migrated ??= store.sql.migrate(KEY_VAULT_MIGRATIONS));
  const open = (sealed: string): string | null => {
    if (sealed.startsWith(FIRST_FORMAT)) return openFirstFormat(sealed, [secret, ...previousSecrets]);
    // Never a plaintext row: the vault has always sealed what it wrote, so anything else was put there by hand.
    if (!isSealedValue(sealed)) return null;
    try {
      return box.open(sealed, context);
    } catch (error) {
      if (error instanceof SecretUnreadableError) return null;
      throw error;
    }
  };
  return {
    async read() {
      await ready();
      const [row] = await store.sql.all<{ sealed: string }>(
        "SELECT sealed FROM workspace_key_vault WHERE workspace_id = ?",
        [workspaceId],
      );
      if (!row) return null;
      const plain = open(row.sealed);
      if (plain === null)
        throw new PermanentError(
          KEYS_UNREADABLE,
          `The keys of workspace '${workspaceId}' were sealed with another OVERTURE_SECRET: start with the secret they were sealed with, or with the new one and OVERTURE_SECRET_PREVIOUS set to the old one to seal them again (see docs/security.md)`,
        );
      // Conditional on the row being unchanged, so processes starting together after a rotation lose nothing.
      if (!box.isCurrent(row.sealed))
        await store.sql.run("UPDATE workspace_key_vault SET sealed = ? WHERE workspace_id = ? AND sealed = ?", [
          box.seal(plain, context),
          workspaceId,
          row.sealed,
        ]);
      return JSON.parse(plain) as WorkspaceKeys;
    },
    async write(keys) {
      await ready();
      const sealed = box.seal(JSON.stringify(keys), context);
      const updated = await store.sql.run("UPDATE workspace_key_vault SET sealed = ? WHERE workspace_id = ?", [
        sealed,
        workspaceId,
      ]);
      if (updated === 0)
        await store.sql.run("INSERT INTO workspace_key_vault (workspace_id, sealed, created_at) VALUES (?, ?, ?)", [
          workspaceId,
          sealed,
          options.now(),
        ]);
    },
  };
}

/** The prefix of the vault's first format (before it used the secret box): read only, and sealed again on read. */
const FIRST_FORMAT = "v1.";

/** Opens `v1.<base64url of iv, tag, ciphertext>`, AES-256-GCM without associated data, with any of `secrets`. */
function openFirstFormat(sealed: string, secrets: readonly string[]): string | null {
  const raw = Buffer.from(sealed.slice(FIRST_FORMAT.length), "base64url");
  for (const secret of secrets) {
    try {
      const key = Buffer.from(hkdfSync("sha256", secret, "overture", "workspace-key-vault/v1", 32));
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      // Not this secret: try the next one.
    }
  }
  return null;
}
