import { createHmac, timingSafeEqual } from "node:crypto";

/** What a link in an email stands for: the message it came in and who it was sent to. */
export type TrackedMessage = {
  workspaceId: string;
  customerId: string;
  journeyId: string;
  stepId: string;
  /** The outbox key of the delivery. */
  key: string;
};

/** u: unsubscribe, o: open pixel, c: click. A click token also signs its target address. */
export type TokenKind = "u" | "o" | "c";

const FIELDS = ["workspaceId", "customerId", "journeyId", "stepId", "key"] as const;

/**
 * Signs a message reference for a link: base64url JSON, a dot, and an HMAC-SHA256 (128 bits) over the kind, the
 * payload and, for clicks, the target URL, so a click link cannot be turned into an open redirect.
 */
export function signToken(secret: string, kind: TokenKind, message: TrackedMessage, url = ""): string {
  const payload = Buffer.from(JSON.stringify(FIELDS.map((f) => message[f]))).toString("base64url");
  return `${payload}.${mac(secret, kind, payload, url)}`;
}

/**
 * The message a token stands for, or null when it is malformed or its signature does not match. `secret` may list
 * several: the current server secret and the previous ones (OVERTURE_SECRET_PREVIOUS), so links in emails sent before
 * a rotation keep working; a token signed by any of them is accepted.
 */
export function verifyToken(
  secret: string | readonly string[],
  kind: TokenKind,
  token: string,
  url = "",
): TrackedMessage | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature);
  const secrets = typeof secret === "string" ? [secret] : secret;
  const matches = secrets.some((s) => {
    const expected = Buffer.from(mac(s, kind, payload, url));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!Array.isArray(values) || values.length !== FIELDS.length || !values.every((v) => typeof v === "string"))
      return null;
    return Object.fromEntries(FIELDS.map((f, i) => [f, values[i]])) as TrackedMessage;
  } catch {
    return null;
  }
}

function mac(secret: string, kind: TokenKind, payload: string, url: string): string {
  return createHmac("sha256", secret)
    .update(`${kind}\n${payload}\n${url}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}
