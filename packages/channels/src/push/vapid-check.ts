import { createPublicKey, verify } from "node:crypto";

/** What the dev push service makes of a request's `Authorization: vapid t=…, k=…` header (RFC 8292). */
export type VapidCheck =
  | { ok: true; publicKey: string; subject: string }
  | { ok: false; status: 401 | 403; message: string };

/** The claims the check reads. */
type Claims = { aud?: unknown; exp?: unknown; sub?: unknown };

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Checks a VAPID header as a push service does: a JWT signed ES256 by the key `k`, for this service's origin
 * (`aud`), not expired and expiring within a day (`exp`). 401 when it is missing or wrong; 403 when it is valid but
 * signed by another key than the one the subscription was made with (`expectedKey`).
 */
export function checkVapid(
  header: string | undefined,
  options: { origin: string; nowSeconds: number; expectedKey?: string },
): VapidCheck {
  const refuse = (message: string, status: 401 | 403 = 401): VapidCheck => ({ ok: false, status, message });
  if (!header) return refuse("send Authorization: vapid t=<JWT>, k=<public key>");
  const match = /^vapid\s+(.*)$/i.exec(header.trim());
  if (!match) return refuse("the Authorization scheme must be 'vapid' (RFC 8292)");
  const params = Object.fromEntries(
    match[1]!.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()];
    }),
  );
  const token = params.t;
  const key = params.k;
  if (!token || !key) return refuse("the vapid Authorization needs t (the JWT) and k (the public key)");
  const [head, body, signature] = token.split(".");
  if (!head || !body || !signature) return refuse("t is not a JWT (header.claims.signature)");
  let publicKey: ReturnType<typeof createPublicKey>;
  let claims: Claims;
  try {
    const alg = (JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: unknown }).alg;
    if (alg !== "ES256") return refuse(`the JWT is signed with ${String(alg)}, not ES256`);
    claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Claims;
    publicKey = p256PublicKey(Buffer.from(key, "base64url"));
  } catch {
    return refuse("the JWT or k cannot be read (base64url JSON; k an uncompressed P-256 point)");
  }
  const signed = Buffer.from(`${head}.${body}`);
  const valid = verify(
    "sha256",
    signed,
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!valid) return refuse("the JWT's signature does not verify with k");
  if (claims.aud !== options.origin) return refuse(`the JWT's aud is ${String(claims.aud)}, not ${options.origin}`);
  if (typeof claims.exp !== "number" || claims.exp <= options.nowSeconds) return refuse("the JWT has expired");
  if (claims.exp > options.nowSeconds + DAY_SECONDS) return refuse("the JWT's exp is more than 24 hours away");
  if (options.expectedKey && options.expectedKey !== key)
    return refuse("this subscription was made for another application server key", 403);
  return { ok: true, publicKey: key, subject: typeof claims.sub === "string" ? claims.sub : "" };
}

/** A P-256 public key from its uncompressed point (0x04 | x | y), as browsers and VAPID carry it. */
function p256PublicKey(point: Buffer): ReturnType<typeof createPublicKey> {
  if (point.length !== 65 || point[0] !== 0x04) throw new TypeError("not an uncompressed P-256 point");
  return createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33).toString("base64url"),
    },
    format: "jwk",
  });
}
