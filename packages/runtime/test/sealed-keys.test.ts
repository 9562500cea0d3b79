import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../src/overture.ts";
import { isSealedValue } from "../src/secrets/secret-box.ts";
import { KEYS_UNREADABLE, type SealedKeyVaultOptions, sealedKeyVault } from "../src/services/sealed-keys.ts";
import type { Store } from "../src/store/store.ts";
import { postgresTarget } from "./postgres-target.ts";

const target = await postgresTarget();
const KEYS = {
  workspaceId: "default",
  secretKey: "ovt_sk_vaultTestSecretKey000000",
  writeKey: "ovt_wk_vaultTestWriteKey0000000",
};

/** Keys sealed by the vault's first format (before the secret box) with "first-format-secret", as that code wrote them. */
const FIRST_FORMAT_ROW =
  "v1.IBcDi8ptFlyWnJocfXlby2XflCcCLIMDC6w5b_87rLtSakQWZ5LTgaQd4yzkuu4-59_3JnhDfwAHv1CytGEEyTCZPv9GV4W1on8_NaS2IXTFQlCxcZGLD2ssawboUpj57BaIEw9sv9P0HsvCwm4CKymKmxIR4LeqZA8OD8sqapXz2NClANNQH7r9nNWcN9wH";
const FIRST_FORMAT_KEYS = {
  workspaceId: "default",
  secretKey: "ovt_sk_firstFormatSecretKey0000",
  writeKey: "ovt_wk_firstFormatWriteKey00000",
};

/**
 * Issue 12 follow-up: the key vault seals with the one secret box and honours OVERTURE_SECRET_PREVIOUS like the
 * webhook secrets: a start with a new secret and the old one as previous reads the keys and seals them again.
 */
describe.each([
  ["SQLite", false],
  ["PostgreSQL", true],
])("the sealed key vault on %s", (_name, postgres) => {
  let store: Store;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "overture-vault-"));
    store = await openStore(
      postgres ? { databaseUrl: await target.schemaUrl() } : { dataDir: dir, durability: "normal" },
    );
    await store.migrate();
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => target.dropAll());

  const vault = (secret: string, previousSecrets: string[] = []) => {
    const options: SealedKeyVaultOptions = { secret, previousSecrets, workspaceId: "default", now: () => 1 };
    return sealedKeyVault(store, options);
  };
  const sealedRow = async () =>
    (await store.sql.all<{ sealed: string }>("SELECT sealed FROM workspace_key_vault"))[0]?.sealed;

  it.skipIf(postgres && !target.available)(
    "seals the keys bound to their row: copied to another workspace's row, they do not open",
    async () => {
      await vault("secret one").write(KEYS);
      const sealed = await sealedRow();
      expect(sealed && isSealedValue(sealed)).toBe(true);
      expect(sealed).not.toContain(KEYS.secretKey);
      expect(await vault("secret one").read()).toEqual(KEYS);
      await store.sql.run("INSERT INTO workspace_key_vault (workspace_id, sealed, created_at) VALUES ('other', ?, 1)", [
        sealed,
      ]);
      const other = sealedKeyVault(store, { secret: "secret one", workspaceId: "other", now: () => 1 });
      await expect(other.read()).rejects.toMatchObject({ code: KEYS_UNREADABLE });
    },
  );

  it.skipIf(postgres && !target.available)(
    "after a rotation reads the keys with the previous secret and seals them with the new one",
    async () => {
      await vault("secret one").write(KEYS);
      const before = await sealedRow();
      await expect(vault("secret two").read()).rejects.toMatchObject({
        code: KEYS_UNREADABLE,
        message: /OVERTURE_SECRET_PREVIOUS/,
      });
      expect(await sealedRow()).toBe(before);

      expect(await vault("secret two", ["secret one"]).read()).toEqual(KEYS);
      expect(await sealedRow()).not.toBe(before);
      // Sealed again with the new secret: it alone opens them now, and the old one no longer does.
      expect(await vault("secret two").read()).toEqual(KEYS);
      await expect(vault("secret one").read()).rejects.toMatchObject({ code: KEYS_UNREADABLE });
    },
  );

  it.skipIf(postgres && !target.available)(
    "opens keys in the vault's first format and seals them in the box's",
    async () => {
      await vault("any").read(); // creates the table
      await store.sql.run(
        "INSERT INTO workspace_key_vault (workspace_id, sealed, created_at) VALUES ('default', ?, 1)",
        [FIRST_FORMAT_ROW],
      );
      await expect(vault("another secret").read()).rejects.toMatchObject({ code: KEYS_UNREADABLE });
      expect(await vault("first-format-secret").read()).toEqual(FIRST_FORMAT_KEYS);
      const resealed = await sealedRow();
      expect(resealed && isSealedValue(resealed)).toBe(true);
      expect(await vault("first-format-secret").read()).toEqual(FIRST_FORMAT_KEYS);

      // A first-format row is also read through a rotation: opened with the previous secret, sealed with the new one.
      await store.sql.run("UPDATE workspace_key_vault SET sealed = ?", [FIRST_FORMAT_ROW]);
      expect(await vault("rotated secret", ["first-format-secret"]).read()).toEqual(FIRST_FORMAT_KEYS);
      expect(await vault("rotated secret").read()).toEqual(FIRST_FORMAT_KEYS);
    },
  );

  it.skipIf(postgres && !target.available)("refuses a row in clear: the vault never wrote one", async () => {
    await vault("any").read();
    await store.sql.run("INSERT INTO workspace_key_vault (workspace_id, sealed, created_at) VALUES ('default', ?, 1)", [
      JSON.stringify(KEYS),
    ]);
    await expect(vault("any").read()).rejects.toMatchObject({ code: KEYS_UNREADABLE });
  });
});
