import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SqlMigration, Store } from "@overture/runtime";

/** One identity secret per workspace: it signs the customer tokens portal calls carry. */
export const PORTAL_IDENTITY_MIGRATIONS: SqlMigration[] = [
  {
    id: "portal_identity_0001",
    sqlite: "CREATE TABLE portal_identity_secrets (workspace_id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at INTEGER NOT NULL);",
    postgres: "CREATE TABLE portal_identity_secrets (workspace_id TEXT PRIMARY KEY, secret TEXT NOT NULL, created_at BIGINT NOT NULL);",
  },
];

/** Creates the identity table when missing; call at start-up. */
export async function ensurePortalIdentitySchema(store: Store): Promise<void> {
  await store.sql.migrate(PORTAL_IDENTITY_MIGRATIONS);
}

// Secrets never change once created, so each process keeps the ones it has read (the decision API is on the render path).
const cache = new WeakMap<Store, Map<string, string>>();

/** The workspace's identity secret, created on first use (two hosts racing agree on the first one stored). */
export async function identitySecret(store: Store, workspaceId: string, now: number): Promise<string> {
  let known = cache.get(store);
  if (!known) {
    known = new Map();
    cache.set(store, known);
  }
  const hit = known.get(workspaceId);
  if (hit) return hit;
  await store.sql.run("INSERT INTO portal_identity_secrets (workspace_id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO NOTHING", [
    workspaceId,
    randomBytes(32).toString("base64url"),
    now,
  ]);
  const rows = await store.sql.all<{ secret: string }>("SELECT secret FROM portal_identity_secrets WHERE workspace_id = ?", [workspaceId]);
  const secret = rows[0]?.secret as string;
  known.set(workspaceId, secret);
  return secret;
}

/** HMAC-SHA256(secret, customerId), base64url: what a portal's backend hands its page for one customer. */
export function signCustomer(secret: string, customerId: string): string {
  return createHmac("sha256", secret).update(customerId).digest("base64url");
}

/** A customer's token for the workspace, as `GET /v1/portal/token` returns it. */
export async function customerToken(store: Store, workspaceId: string, customerId: string, now: number): Promise<string> {
  return signCustomer(await identitySecret(store, workspaceId, now), customerId);
}

// Tokens already checked, so a portal's repeated calls skip the HMAC; bounded, and forgotten all at once when full.
const verifiedByStore = new WeakMap<Store, Set<string>>();
const MAX_VERIFIED = 50_000;

/** Whether `token` is the customer's token (compared in constant time). */
export async function verifyCustomerToken(store: Store, workspaceId: string, customerId: string, token: string, now: number): Promise<boolean> {
  let verified = verifiedByStore.get(store);
  if (!verified) {
    verified = new Set();
    verifiedByStore.set(store, verified);
  }
  const key = `${workspaceId}\u0000${customerId}\u0000${token}`;
  if (verified.has(key)) return true;
  const expected = Buffer.from(await customerToken(store, workspaceId, customerId, now));
  const given = Buffer.from(token);
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  if (ok) {
    if (verified.size >= MAX_VERIFIED) verified.clear();
    verified.add(key);
  }
  return ok;
}
