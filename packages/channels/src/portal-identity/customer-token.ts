import { createHmac, timingSafeEqual } from "node:crypto";
import type { Store } from "@overture/runtime";
import { currentIdentityKey, type IdentityKey, identityKeys, isKeyUsable } from "./identity-secrets.ts";

/**
 * Customer tokens: `v1.<keyId>.<expiresAtSeconds>.<signature>`, where the signature is
 * base64url(HMAC-SHA256(identity secret number keyId, "v1.<keyId>.<expiresAtSeconds>.<customerId>")). The key id lets
 * the secret rotate with overlap; the expiry bounds what a leaked token is worth. A portal's backend gets tokens from
 * `GET /v1/portal/token`, or computes them itself with the secret (docs/api.md shows how).
 */
export const CUSTOMER_TOKEN_VERSION = "v1";

/** How long a customer token lives by default (12 hours), and at most (30 days). */
export const DEFAULT_CUSTOMER_TOKEN_TTL_MS = 12 * 3_600_000;
export const MAX_CUSTOMER_TOKEN_TTL_MS = 30 * 86_400_000;

/** Why a token was refused; each is a stable error code (docs/errors.md). */
export type TokenRefusal = {
  ok: false;
  code: "invalid_customer_token" | "customer_token_expired" | "customer_token_outdated";
  message: string;
};

/** A token's check: good (with its key and expiry, epoch ms), or refused with its reason. */
export type TokenCheck = { ok: true; keyId: number; expiresAt: number } | TokenRefusal;

/** The signature part of a token: what a portal's backend computes with the identity secret. */
export function signCustomer(secret: string, keyId: number, expiresAtSeconds: number, customerId: string): string {
  return createHmac("sha256", secret)
    .update(`${CUSTOMER_TOKEN_VERSION}.${keyId}.${expiresAtSeconds}.${customerId}`)
    .digest("base64url");
}

/** A customer's token signed with `key`, valid until `expiresAt` (epoch ms, rounded down to the second). */
export function formatCustomerToken(
  key: Pick<IdentityKey, "keyId" | "secret">,
  customerId: string,
  expiresAt: number,
): string {
  const seconds = Math.floor(expiresAt / 1000);
  return `${CUSTOMER_TOKEN_VERSION}.${key.keyId}.${seconds}.${signCustomer(key.secret, key.keyId, seconds, customerId)}`;
}

/** A new token for the customer, signed with the current key; `ttlMs` defaults to 12 hours. */
export async function issueCustomerToken(
  store: Store,
  workspaceId: string,
  customerId: string,
  now: number,
  ttlMs = DEFAULT_CUSTOMER_TOKEN_TTL_MS,
): Promise<{ token: string; keyId: number; expiresAt: number }> {
  const key = await currentIdentityKey(store, workspaceId, now);
  const expiresAt = Math.floor((now + Math.min(ttlMs, MAX_CUSTOMER_TOKEN_TTL_MS)) / 1000) * 1000;
  return { token: formatCustomerToken(key, customerId, expiresAt), keyId: key.keyId, expiresAt };
}

/** A customer's token with the default lifetime (what `GET /v1/portal/token` and the demo session hand out). */
export async function customerToken(
  store: Store,
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<string> {
  return (await issueCustomerToken(store, workspaceId, customerId, now)).token;
}

/** Constant-time comparison of two base64url texts. */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const refuse = (code: TokenRefusal["code"], message: string): TokenRefusal => ({ ok: false, code, message });
const FRESH_TOKEN = "get a new one from GET /v1/portal/token (your portal's backend, with the secret key)";

/**
 * Checks `token` for the customer at `now`: signed by one of the workspace's keys that is not retired, for this
 * customer, not expired. Tokens of the first format (no key id, no expiry) are refused as outdated: they never
 * expire and would outlive every rotation.
 */
export async function verifyCustomerToken(
  store: Store,
  workspaceId: string,
  customerId: string,
  token: string,
  now: number,
): Promise<TokenCheck> {
  const parts = token.split(".");
  if (parts.length === 1 && /^[A-Za-z0-9_-]{43}$/.test(token)) {
    return refuse(
      "customer_token_outdated",
      `The customer token has the old format (no expiry, no key id); ${FRESH_TOKEN}.`,
    );
  }
  const [version, kid, exp, signature] = parts;
  const keyId = Number(kid);
  const seconds = Number(exp);
  if (
    parts.length !== 4 ||
    version !== CUSTOMER_TOKEN_VERSION ||
    !Number.isSafeInteger(keyId) ||
    !Number.isSafeInteger(seconds) ||
    !signature
  ) {
    return refuse(
      "invalid_customer_token",
      `The customer token is not a token of this API (v1.<keyId>.<expiresAt>.<signature>); ${FRESH_TOKEN}.`,
    );
  }
  const key = (await identityKeys(store, workspaceId, now, { wantKeyId: keyId })).find((k) => k.keyId === keyId);
  if (!key || !sameSignature(signature, signCustomer(key.secret, keyId, seconds, customerId))) {
    return refuse("invalid_customer_token", `The customer token does not match this customer id; ${FRESH_TOKEN}.`);
  }
  if (!isKeyUsable(key, now)) {
    return refuse(
      "customer_token_expired",
      `The customer token was signed with identity key ${keyId}, which was rotated out and retired; ${FRESH_TOKEN}.`,
    );
  }
  if (seconds * 1000 <= now) {
    return refuse(
      "customer_token_expired",
      `The customer token expired at ${new Date(seconds * 1000).toISOString()}; ${FRESH_TOKEN}.`,
    );
  }
  return { ok: true, keyId, expiresAt: seconds * 1000 };
}
