import { CommandError } from "./usage.ts";

/**
 * `OVERTURE_SECRET`, required on PostgreSQL (issue 12, finding 5): it seals the workspace keys in the database and
 * signs email links and customer tokens the same way in every process, so a generated file in one process's data
 * folder will not do. On SQLite (one process) it may be absent: a secret generated in the data folder is used.
 */
export function requireSecretOnPostgres(
  databaseUrl: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const secret = env.OVERTURE_SECRET?.trim() || undefined;
  if (databaseUrl && !secret)
    throw new CommandError(
      "OVERTURE_SECRET is required with PostgreSQL (DATABASE_URL is set). Generate one, e.g. `openssl rand -base64 32`, keep it in your secret store, and give every serve and worker process the same value.",
    );
  return secret;
}
