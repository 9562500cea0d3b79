import {
  DEFAULT_ROTATION_OVERLAP_MS,
  ensurePortalSchemas,
  loadSigningSecret,
  rotateIdentitySecret,
  useSecretBox,
} from "@overture/channels";
import { openOverture, secretBoxFromEnv } from "@overture/runtime";
import { maskUrl } from "../mask-url.ts";
import { openClock } from "../shared-clock.ts";
import { CommandError, intOption, parseCommandArgs, UsageError } from "../usage.ts";

/**
 * `overture rotate-identity-secret [--overlap S] [--data DIR]`: rotates the default workspace's identity secret (what
 * signs customer tokens and stream tickets), as POST /v1/identity-secrets/rotate does: a new secret signs from now
 * on, the previous ones keep verifying for S seconds, then are retired. Prints each key's state, never a secret.
 */
export async function rotateIdentitySecretCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { overlap: { type: "string" }, data: { type: "string" } });
  if (positionals.length > 0)
    throw new UsageError(`overture rotate-identity-secret takes no FILE, got: ${positionals.join(" ")}`);
  const overlapS = intOption(values.overlap, "overlap", DEFAULT_ROTATION_OVERLAP_MS / 1000, 0, 30 * 86_400);
  const dataDir = values.data ?? process.env.OVERTURE_DATA_DIR ?? "data";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const clock = openClock();
  const overture = await openOverture({ dataDir, databaseUrl, clock }).catch((error: unknown) => {
    const where = databaseUrl ? `PostgreSQL at ${maskUrl(databaseUrl)}` : `SQLite in ${dataDir}`;
    throw new CommandError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const { workspaceId } = await overture.workspaces.ensureDefault();
    await ensurePortalSchemas(overture.store);
    // The new secret is sealed at rest as serve seals it: with the server's secret (OVERTURE_SECRET or secret.txt).
    useSecretBox(overture.store, secretBoxFromEnv(loadSigningSecret(dataDir)));
    const now = clock.now();
    const keys = await rotateIdentitySecret(overture.store, workspaceId, now, overlapS * 1000);
    for (const key of keys) {
      const state =
        key.retiresAt === null
          ? "current"
          : key.retiresAt > now
            ? `verifies until ${new Date(key.retiresAt).toISOString()}`
            : "retired";
      process.stdout.write(`identity key ${key.keyId}: ${state}\n`);
    }
    process.stdout.write(
      "New customer tokens are signed with the current key; GET /v1/identity-secrets shows its secret.\n",
    );
    return 0;
  } finally {
    await overture.close();
  }
}
