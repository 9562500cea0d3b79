/** Field names whose values never reach the audit log (passwords, secrets, tokens, keys). */
const SECRET_FIELD = /password|secret|token|key|authtoken|authorization|credential/i;

/** The largest request body kept whole in an entry; bigger ones (journey documents) are summed up by their size. */
export const MAX_DETAIL_CHARS = 8_000;

/**
 * A copy of a JSON value without the fields named like secrets (at any depth): their values become "[redacted]".
 * Content and journey documents keep every other field, so their diffs stay readable.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value))
    out[name] = SECRET_FIELD.test(name) && inner !== null && inner !== undefined ? "[redacted]" : redactSecrets(inner);
  return out;
}

/** A request body as an entry's detail: redacted, and only its size when it is large. */
export function auditDetailOf(body: unknown): Record<string, unknown> | null {
  if (body === undefined || body === null) return null;
  const redacted = redactSecrets(body);
  const text = JSON.stringify(redacted);
  if (text.length > MAX_DETAIL_CHARS) return { truncated: true, chars: text.length };
  return redacted !== null && typeof redacted === "object" && !Array.isArray(redacted)
    ? (redacted as Record<string, unknown>)
    : { body: redacted };
}
