import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The per-install secret that signs unsubscribe, open and click links: `OVERTURE_SECRET` when set (required when
 * several servers share a database), else `secret.txt` in the data folder, created on first use. After a rotation,
 * links signed with the secrets in `OVERTURE_SECRET_PREVIOUS` are still accepted (see setUpEmail).
 */
export function loadSigningSecret(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.OVERTURE_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = join(dataDir, "secret.txt");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
