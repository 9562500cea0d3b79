import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encryption at rest for every secret Overture keeps in its database (the workspace keys on PostgreSQL, webhook
 * signing secrets, endpoint headers): AES-256-GCM under a key derived with HKDF-SHA256 from the server's secret
 * (`OVERTURE_SECRET`, or `secret.txt` in the data folder). A sealed value reads
 * `enc:v1:<key id>:<base64url of iv, tag, ciphertext>`; the key id says which server secret sealed it, so a rotated
 * secret can still open values sealed by the previous one (docs/decisions/0016-secrets-at-rest-and-address-table.md).
 */
export type SecretBox = {
  /** Encrypts `plain`, bound to `context` (where the value lives): a sealed value copied elsewhere does not open. */
  seal(plain: string, context: string): string;
  /** Decrypts a sealed value; a value without the `enc:` prefix is a plaintext row written before encryption. */
  open(value: string, context: string): string;
  /** True when `value` is sealed with the current key (false for plaintext or a previous key: seal it again). */
  isCurrent(value: string): boolean;
};

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Key = { id: string; bytes: Buffer };

/** The 256-bit key for secrets at rest, derived from a server secret, and its id (8 hex digits of its hash). */
function deriveKey(serverSecret: string): Key {
  const bytes = Buffer.from(hkdfSync("sha256", serverSecret, "overture", "overture secrets at rest v1", 32));
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

/**
 * A box sealing with `serverSecret` and opening values sealed with it or with any of `previous` (the secrets in use
 * before a rotation, OVERTURE_SECRET_PREVIOUS).
 */
export function createSecretBox(serverSecret: string, previous: readonly string[] = []): SecretBox {
  if (serverSecret.trim() === "") throw new TypeError("the server secret is empty");
  const current = deriveKey(serverSecret);
  const keys = new Map<string, Key>(
    [current, ...previous.filter((s) => s.trim() !== "").map(deriveKey)].map((k) => [k.id, k]),
  );
  keys.set(current.id, current);
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", current.bytes, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${PREFIX}${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url")}`;
    },
    open(value, context) {
      if (!value.startsWith(PREFIX)) return value;
      const [id, data] = value.slice(PREFIX.length).split(":");
      const key = keys.get(id ?? "");
      if (!key || data === undefined) {
        throw new SecretUnreadableError(
          `sealed with key ${id}, which neither OVERTURE_SECRET nor OVERTURE_SECRET_PREVIOUS derives`,
        );
      }
      const bytes = Buffer.from(data, "base64url");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key.bytes, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw new SecretUnreadableError("its authentication tag does not match (altered, or moved from another row)");
      }
    },
    isCurrent(value) {
      return value.startsWith(`${PREFIX}${current.id}:`);
    },
  };
}

/** A sealed value that cannot be opened: the key that sealed it is not configured, or the value was altered. */
export class SecretUnreadableError extends Error {
  override name = "SecretUnreadableError";
}

/** True when `value` was written by a secret box (as opposed to a plaintext row from before encryption). */
export function isSealedValue(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The server secrets used before the current one: `OVERTURE_SECRET_PREVIOUS`, comma-separated. */
export function previousSecretsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.OVERTURE_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter((secret) => secret !== "");
}

/** The box of a server: it seals with `serverSecret` and opens with it or with `OVERTURE_SECRET_PREVIOUS`. */
export function secretBoxFromEnv(
  serverSecret: string,
  env: Record<string, string | undefined> = process.env,
): SecretBox {
  return createSecretBox(serverSecret, previousSecretsFromEnv(env));
}
