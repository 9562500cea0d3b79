import { createHmac } from "node:crypto";
import {
  customerToken,
  ensurePortalSchemas,
  identityKeys,
  issueCustomerToken,
  issueStreamTicket,
  rotateIdentitySecret,
  STREAM_TICKET_TTL_MS,
  verifyCustomerToken,
  verifyStreamTicket,
} from "@overture/channels";
import type { Store } from "@overture/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PortalStore, STORE_TARGETS, T0 } from "./portal-stores.ts";

const HOUR = 3_600_000;

// Issue 12, finding 9: customer tokens never expired, their secret could not rotate, and streams took them in the URL.
describe.each(STORE_TARGETS)("identity secrets and customer tokens on $name", (target) => {
  let opened: PortalStore;
  let store: Store;
  let ws = 0;
  const workspace = () => `ws-${++ws}`;
  beforeAll(async () => {
    if (target.skip) return;
    opened = await target.open();
    store = opened.store;
  });
  afterAll(async () => opened?.close());

  it.skipIf(target.skip)(
    "keeps a secret of the first format as key 1, so its workspace keeps its secret after the migration",
    async () => {
      // The state before portal_identity_0002: one secret per workspace, no key ids.
      await store.sql.run("DROP TABLE identity_secrets");
      await store.sql.run("DELETE FROM schema_migrations WHERE id IN ('portal_identity_0002', 'portal_identity_0003')");
      await store.sql.run("DROP TABLE identity_settings");
      await store.sql.run("INSERT INTO portal_identity_secrets (workspace_id, secret, created_at) VALUES (?, ?, ?)", [
        "ws-old",
        "old-secret",
        T0,
      ]);
      await ensurePortalSchemas(store);
      expect(await identityKeys(store, "ws-old", T0)).toEqual([
        { keyId: 1, secret: "old-secret", createdAt: T0, retiresAt: null },
      ]);
      const { token } = await issueCustomerToken(store, "ws-old", "ada", T0);
      const [, kid, exp, sig] = token.split(".");
      expect(kid).toBe("1");
      // What a portal's backend computes itself, as docs/api.md shows.
      expect(sig).toBe(createHmac("sha256", "old-secret").update(`v1.1.${exp}.ada`).digest("base64url"));
    },
  );

  it.skipIf(target.skip)(
    "issues tokens with a key id and an expiry, refused once expired (12 hours by default)",
    async () => {
      const w = workspace();
      const issued = await issueCustomerToken(store, w, "ada", T0);
      expect(issued.token).toMatch(/^v1\.1\.\d+\.[A-Za-z0-9_-]{43}$/);
      expect(issued.expiresAt).toBe(T0 + 12 * HOUR);
      expect(await verifyCustomerToken(store, w, "ada", issued.token, T0 + 12 * HOUR - 1)).toMatchObject({
        ok: true,
        keyId: 1,
      });
      expect(await verifyCustomerToken(store, w, "ada", issued.token, T0 + 12 * HOUR)).toMatchObject({
        ok: false,
        code: "customer_token_expired",
      });
      expect(await verifyCustomerToken(store, w, "bob", issued.token, T0)).toMatchObject({
        ok: false,
        code: "invalid_customer_token",
      });
      expect(await verifyCustomerToken(store, workspace(), "ada", issued.token, T0)).toMatchObject({
        ok: false,
        code: "invalid_customer_token",
      });
      // The expiry is signed: moving it forward breaks the signature.
      const [v, kid, exp, sig] = issued.token.split(".");
      const extended = [v, kid, Number(exp) + 86_400, sig].join(".");
      expect(await verifyCustomerToken(store, w, "ada", extended, T0)).toMatchObject({
        ok: false,
        code: "invalid_customer_token",
      });
      const short = await issueCustomerToken(store, w, "ada", T0, 60_000);
      expect(await verifyCustomerToken(store, w, "ada", short.token, T0 + 60_000)).toMatchObject({
        ok: false,
        code: "customer_token_expired",
      });
    },
  );

  it.skipIf(target.skip)("refuses a token of the first format (no expiry, no key id) as outdated", async () => {
    const w = workspace();
    const [key] = await identityKeys(store, w, T0);
    const old = createHmac("sha256", key?.secret ?? "")
      .update("ada")
      .digest("base64url");
    expect(await verifyCustomerToken(store, w, "ada", old, T0)).toMatchObject({
      ok: false,
      code: "customer_token_outdated",
      message: expect.stringContaining("GET /v1/portal/token"),
    });
  });

  it.skipIf(target.skip)(
    "rotates with overlap: the old key verifies until the overlap ends, new tokens use the new key",
    async () => {
      const w = workspace();
      const before = await customerToken(store, w, "ada", T0);
      const keys = await rotateIdentitySecret(store, w, T0 + HOUR, 2 * HOUR);
      expect(keys.map((k) => ({ keyId: k.keyId, retiresAt: k.retiresAt }))).toEqual([
        { keyId: 1, retiresAt: T0 + 3 * HOUR },
        { keyId: 2, retiresAt: null },
      ]);
      const after = await customerToken(store, w, "ada", T0 + HOUR);
      expect(after.split(".")[1]).toBe("2");
      expect(await verifyCustomerToken(store, w, "ada", before, T0 + 3 * HOUR - 1)).toMatchObject({
        ok: true,
        keyId: 1,
      });
      expect(await verifyCustomerToken(store, w, "ada", before, T0 + 3 * HOUR)).toMatchObject({
        ok: false,
        code: "customer_token_expired",
        message: expect.stringContaining("retired"),
      });
      expect(await verifyCustomerToken(store, w, "ada", after, T0 + 3 * HOUR)).toMatchObject({ ok: true, keyId: 2 });
    },
  );

  it.skipIf(target.skip)("sees a rotation made by another process (a key it has not read yet) at once", async () => {
    const w = workspace();
    await customerToken(store, w, "ada", T0);
    // Another host rotates: written straight to the table, this process's cache does not know key 2.
    await store.sql.run(
      "INSERT INTO identity_secrets (workspace_id, key_id, secret, created_at) VALUES (?, 2, 'elsewhere', ?)",
      [w, T0],
    );
    const seconds = Math.floor((T0 + HOUR) / 1000);
    const sig = createHmac("sha256", "elsewhere").update(`v1.2.${seconds}.ada`).digest("base64url");
    expect(await verifyCustomerToken(store, w, "ada", `v1.2.${seconds}.${sig}`, T0 + 2_000)).toMatchObject({
      ok: true,
      keyId: 2,
    });
  });

  it.skipIf(target.skip)("issues one-minute stream tickets that are not customer tokens", async () => {
    const w = workspace();
    const { ticket, expiresAt } = await issueStreamTicket(store, w, "ada", T0);
    expect(expiresAt).toBe(T0 + STREAM_TICKET_TTL_MS);
    expect(await verifyStreamTicket(store, ticket, T0 + STREAM_TICKET_TTL_MS - 1)).toEqual({
      ok: true,
      workspaceId: w,
      customerId: "ada",
    });
    expect(await verifyStreamTicket(store, ticket, T0 + STREAM_TICKET_TTL_MS)).toMatchObject({
      ok: false,
      code: "stream_ticket_expired",
    });
    const token = await customerToken(store, w, "ada", T0);
    expect(await verifyStreamTicket(store, token, T0)).toMatchObject({ ok: false, code: "invalid_stream_ticket" });
    expect(await verifyCustomerToken(store, w, "ada", ticket, T0)).toMatchObject({
      ok: false,
      code: "invalid_customer_token",
    });
    const forged = ticket.replace(/\.[^.]+$/, ".AAAA");
    expect(await verifyStreamTicket(store, forged, T0)).toMatchObject({ ok: false, code: "invalid_stream_ticket" });
  });

  it.skipIf(target.skip)("creates no secret for a workspace named only by a ticket", async () => {
    const made = `st1.1.${Math.floor(T0 / 1000) + 60}.${Buffer.from("nobody").toString("base64url")}.${Buffer.from("ada").toString("base64url")}.AAAA`;
    expect(await verifyStreamTicket(store, made, T0)).toMatchObject({ ok: false, code: "invalid_stream_ticket" });
    expect(await store.sql.all("SELECT key_id FROM identity_secrets WHERE workspace_id = 'nobody'")).toEqual([]);
  });
});
