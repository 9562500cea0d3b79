import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The value of `X-Overture-Signature`: `sha256=` and the hex HMAC-SHA256, keyed by the endpoint's secret, of
 * `<X-Overture-Timestamp>.<raw body>`. Signing the timestamp with the body lets a receiver refuse replays.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does (docs/api.md shows it as a snippet): recompute the signature over the raw body and compare in
 * constant time; refuse timestamps older than `toleranceMs` (5 minutes by default).
 */
export function verifyWebhookSignature(options: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  now?: number;
  toleranceMs?: number;
}): boolean {
  const at = Number(options.timestamp);
  if (!Number.isFinite(at) || Math.abs((options.now ?? Date.now()) - at) > (options.toleranceMs ?? 300_000))
    return false;
  const expected = Buffer.from(signWebhook(options.secret, options.timestamp, options.body));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
