import { type SecretBox, SecretUnreadableError, type Store } from "@overture/runtime";
import { type EndpointRow, openEndpoint, sealEndpoint } from "./endpoint-sealing.ts";
import type { WebhookEndpoint } from "./webhook-endpoints.ts";
import { webhookSecretBox } from "./webhook-secret-key.ts";
import { signingSecretContext } from "./workspace-signing-secret.ts";

/** What {@link resealWebhookSecrets} did: rows sealed again, and rows it could not open (named). */
export type ResealReport = { resealed: number; unreadable: string[] };

/**
 * Encrypt-on-start: seals with the current key every endpoint whose secret or headers are in clear (rows written
 * before encryption at rest) or sealed with a previous server secret (after a rotation). Each row is updated only if
 * it did not change meanwhile, so servers starting together, or a PUT racing the start, lose nothing.
 */
export async function resealWebhookSecrets(store: Pick<Store, "sql">): Promise<ResealReport> {
  const box = webhookSecretBox(store);
  const rows = await store.sql.all<EndpointRow>("SELECT * FROM webhook_endpoints");
  const report: ResealReport = { resealed: 0, unreadable: [] };
  for (const row of rows) {
    const headers = (typeof row.headers === "string" ? JSON.parse(row.headers) : row.headers) as Record<string, string>;
    if (box.isCurrent(row.secret as string) && Object.values(headers).every((v) => box.isCurrent(v))) continue;
    const workspaceId = row.workspace_id as string;
    let endpoint: WebhookEndpoint;
    try {
      endpoint = openEndpoint(box, workspaceId, row);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      report.unreadable.push(`${workspaceId}/${row.name as string}`);
      continue;
    }
    const sealed = sealEndpoint(box, workspaceId, endpoint);
    report.resealed += await store.sql.run(
      "UPDATE webhook_endpoints SET secret = ?, headers = ? WHERE workspace_id = ? AND name = ? AND secret = ? AND updated_at = ?",
      [sealed.secret, sealed.headers, workspaceId, row.name, row.secret, row.updated_at],
    );
  }
  report.resealed += await resealSigningSecrets(store, box, report);
  return report;
}

async function resealSigningSecrets(store: Pick<Store, "sql">, box: SecretBox, report: ResealReport): Promise<number> {
  const rows = await store.sql.all<{ workspace_id: string; secret: string }>(
    "SELECT workspace_id, secret FROM webhook_signing_secrets",
  );
  let resealed = 0;
  for (const row of rows) {
    if (box.isCurrent(row.secret)) continue;
    const context = signingSecretContext(row.workspace_id);
    let plain: string;
    try {
      plain = box.open(row.secret, context);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      report.unreadable.push(`${row.workspace_id} (signing secret)`);
      continue;
    }
    resealed += await store.sql.run(
      "UPDATE webhook_signing_secrets SET secret = ? WHERE workspace_id = ? AND secret = ?",
      [box.seal(plain, context), row.workspace_id, row.secret],
    );
  }
  return resealed;
}
