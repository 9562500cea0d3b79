import { createHmac } from "node:crypto";
import {
  identityKeys,
  issueCustomerToken,
  issueStreamTicket,
  resealIdentitySecrets,
  rotateIdentitySecret,
  useSecretBox,
  verifyCustomerToken,
  verifyStreamTicket,
} from "@overture/channels";
import { createSecretBox, type Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0, TEST_SERVER_SECRET } from "./portal-stores.ts";

const HOUR = 3_600_000;
const rawSecrets = async (store: Store) =>
  JSON.stringify([
    ...(await store.sql.all("SELECT * FROM identity_secrets")),
    ...(await store.sql.all("SELECT * FROM portal_identity_secrets")),
  ]);

/** A customer token as a portal's backend computes it from the identity secret (docs/api.md). */
function tokenFrom(secret: string, keyId: number, customerId: string, expiresAt: number): string {
  const exp = Math.floor(expiresAt / 1000);
  return `v1.${keyId}.${exp}.${createHmac("sha256", secret).update(`v1.${keyId}.${exp}.${customerId}`).digest("base64url")}`;
}

// Issue 12 follow-up: identity secrets (what signs customer tokens and stream tickets) were kept in clear in
// identity_secrets and the first table portal_identity_secrets: a database dump let anyone sign in as any customer.
describe.each(STORE_TARGETS)("identity secrets at rest on $name", (target) => {
  let opened: PortalStore;
  let store: Store;
  let ws = 0;
  const workspace = () => `sealed-ws-${++ws}`;
  beforeAll(async () => {
    if (target.skip) return;
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened?.close());

  it.skipIf(target.skip)(
    "keeps no identity secret in clear, yet tokens and tickets signed with it verify, across a rotation",
    async () => {
      useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
      const w = workspace();
      const first = await issueCustomerToken(store, w, "ada", T0);
      await rotateIdentitySecret(store, w, T0 + HOUR, 2 * HOUR);
      const second = await issueCustomerToken(store, w, "ada", T0 + HOUR);
      const { ticket } = await issueStreamTicket(store, w, "ada", T0 + HOUR);
      const keys = await identityKeys(store, w, T0 + HOUR);
      expect(keys).toHaveLength(2);
      const raw = await rawSecrets(store);
      for (const key of keys) expect(raw).not.toContain(key.secret);
      expect(await verifyCustomerToken(store, w, "ada", first.token, T0 + HOUR)).toMatchObject({ ok: true, keyId: 1 });
      expect(await verifyCustomerToken(store, w, "ada", second.token, T0 + HOUR)).toMatchObject({ ok: true, keyId: 2 });
      expect(await verifyStreamTicket(store, ticket, T0 + HOUR)).toMatchObject({ ok: true, workspaceId: w });
      // The secret a backend signs with is the one kept sealed: a token it computes verifies.
      expect(
        await verifyCustomerToken(store, w, "bob", tokenFrom(keys[1]!.secret, 2, "bob", T0 + 2 * HOUR), T0 + HOUR),
      ).toMatchObject({ ok: true });
    },
  );

  it.skipIf(target.skip)(
    "seals rows kept in clear on start, in both tables, and again after OVERTURE_SECRET rotates",
    async () => {
      useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
      await resealIdentitySecrets(store);
      const w = workspace();
      const plain = "an identity secret written before sealing";
      const old = "the first table's secret, before key ids";
      await store.sql.run(
        "INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) VALUES (?, 1, ?, ?)",
        [w, plain, T0],
      );
      await store.sql.run("INSERT INTO portal_identity_secrets (workspace_id, secret, created_at) VALUES (?, ?, ?)", [
        w,
        old,
        T0,
      ]);
      const token = tokenFrom(plain, 1, "ada", T0 + HOUR);

      expect(await resealIdentitySecrets(store)).toEqual({ resealed: 2, unreadable: [] });
      expect(await rawSecrets(store)).not.toContain(plain);
      expect(await rawSecrets(store)).not.toContain(old);
      expect(await resealIdentitySecrets(store)).toEqual({ resealed: 0, unreadable: [] });
      expect(await verifyCustomerToken(store, w, "ada", token, T0)).toMatchObject({ ok: true, keyId: 1 });
      const sealedBefore = await rawSecrets(store);

      // A new server secret without the old one cannot read them (the process rereads its keys through the new box).
      useSecretBox(store, createSecretBox("a new server secret"));
      expect((await resealIdentitySecrets(store)).unreadable).toEqual(
        expect.arrayContaining([`${w} (identity secret 1)`, `${w} (first identity secret)`]),
      );
      await expect(verifyCustomerToken(store, w, "ada", token, T0)).rejects.toThrow(/OVERTURE_SECRET_PREVIOUS/);
      // With OVERTURE_SECRET_PREVIOUS, start seals them again with the new secret; afterwards the new one alone reads them.
      useSecretBox(store, createSecretBox("a new server secret", [TEST_SERVER_SECRET]));
      const resealed = await resealIdentitySecrets(store);
      expect(resealed.unreadable).toEqual([]);
      expect(resealed.resealed).toBeGreaterThanOrEqual(2);
      expect(await rawSecrets(store)).not.toBe(sealedBefore);
      expect(await rawSecrets(store)).not.toContain(plain);
      useSecretBox(store, createSecretBox("a new server secret"));
      expect(await resealIdentitySecrets(store)).toEqual({ resealed: 0, unreadable: [] });
      expect(await verifyCustomerToken(store, w, "ada", token, T0)).toMatchObject({ ok: true, keyId: 1 });
      expect((await identityKeys(store, w, T0)).map((k) => k.secret)).toEqual([plain]);
      useSecretBox(store, createSecretBox(TEST_SERVER_SECRET, ["a new server secret"]));
      await resealIdentitySecrets(store);
    },
  );

  it.skipIf(target.skip)("refuses a sealed secret moved to another workspace's row", async () => {
    useSecretBox(store, createSecretBox(TEST_SERVER_SECRET));
    const [a, b] = [workspace(), workspace()];
    await identityKeys(store, a, T0);
    const [row] = await store.sql.all<{ secret: string }>(
      "SELECT secret FROM identity_secrets WHERE workspace_id = ?",
      [a],
    );
    await store.sql.run("INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) VALUES (?, 1, ?, ?)", [
      b,
      row!.secret,
      T0,
    ]);
    await expect(identityKeys(store, b, T0)).rejects.toThrow(/cannot be read/);
  });
});
