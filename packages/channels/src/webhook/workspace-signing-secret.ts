import type { Store } from "@overture/runtime";
import { newWebhookSecret } from "./webhook-endpoints.ts";
import { webhookSecretBox } from "./webhook-secret-key.ts";

/**
 * The workspace's webhook signing secret: it signs the calls of webhook steps that name a URL instead of a saved
 * endpoint (an endpoint signs with its own secret). Created on first use, sealed at rest like endpoint secrets.
 */
export type WorkspaceSigningSecret = { secret: string; createdAt: number; rotatedAt: number };

/** Where the sealed secret lives (see SecretBox.seal). */
export function signingSecretContext(workspaceId: string): string {
  return `webhook_signing_secrets/${workspaceId}`;
}

async function read(store: Pick<Store, "sql">, workspaceId: string): Promise<WorkspaceSigningSecret | null> {
  const rows = await store.sql.all<Record<string, unknown>>(
    "SELECT * FROM webhook_signing_secrets WHERE workspace_id = ?",
    [workspaceId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    secret: webhookSecretBox(store).open(row.secret as string, signingSecretContext(workspaceId)),
    createdAt: Number(row.created_at),
    rotatedAt: Number(row.rotated_at),
  };
}

/** The workspace's signing secret, created once (concurrent first calls agree on one). */
export async function workspaceSigningSecret(
  store: Pick<Store, "sql">,
  workspaceId: string,
  now: number,
): Promise<WorkspaceSigningSecret> {
  const existing = await read(store, workspaceId);
  if (existing) return existing;
  const sealed = webhookSecretBox(store).seal(newWebhookSecret(), signingSecretContext(workspaceId));
  await store.sql.run(
    "INSERT INTO webhook_signing_secrets (workspace_id, secret, created_at, rotated_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id) DO NOTHING",
    [workspaceId, sealed, now, now],
  );
  return (await read(store, workspaceId))!;
}

/** Replaces the workspace's signing secret with a new one, at once: receivers must switch to the answer's secret. */
export async function rotateWorkspaceSigningSecret(
  store: Pick<Store, "sql">,
  workspaceId: string,
  now: number,
): Promise<WorkspaceSigningSecret> {
  const current = await workspaceSigningSecret(store, workspaceId, now);
  const secret = newWebhookSecret();
  await store.sql.run("UPDATE webhook_signing_secrets SET secret = ?, rotated_at = ? WHERE workspace_id = ?", [
    webhookSecretBox(store).seal(secret, signingSecretContext(workspaceId)),
    now,
    workspaceId,
  ]);
  return { secret, createdAt: current.createdAt, rotatedAt: now };
}
