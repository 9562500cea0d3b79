import { type SecretBox, SecretUnreadableError, type Store } from "@overture/runtime";
import { secretBoxOf } from "../secrets/store-secret-box.ts";
import type { ResealReport } from "../webhook/reseal-webhook-secrets.ts";
import { identitySecretContext } from "./identity-secrets.ts";

/** Where a secret of the first identity table (before key ids, kept by migration portal_identity_0002) lives. */
function firstTableContext(workspaceId: string): string {
  return `portal_identity_secrets/${workspaceId}/secret`;
}

type Row = { workspace_id: string; secret: string; key_id?: unknown };

/**
 * Encrypt-on-start for identity secrets, as resealWebhookSecrets does for webhooks: seals with the current key every
 * secret of `identity_secrets` and of the first table `portal_identity_secrets` (whose rows migration 0002 copied) that
 * is in clear or sealed with a previous server secret. Each update applies only if the row did not change meanwhile.
 * Needs the identity tables (ensurePortalSchemas) and the store's box (useSecretBox).
 */
export async function resealIdentitySecrets(store: Pick<Store, "sql">): Promise<ResealReport> {
  const box = secretBoxOf(store);
  const report: ResealReport = { resealed: 0, unreadable: [] };
  const keys = await store.sql.all<Row>("SELECT workspace_id, key_id, secret FROM identity_secrets");
  for (const row of keys) {
    const keyId = Number(row.key_id);
    const plain = openOrReport(
      box,
      row,
      identitySecretContext(row.workspace_id, keyId),
      `${row.workspace_id} (identity secret ${keyId})`,
      report,
    );
    if (plain === null) continue;
    report.resealed += await store.sql.run(
      "UPDATE identity_secrets SET secret = ? WHERE workspace_id = ? AND key_id = ? AND secret = ?",
      [box.seal(plain, identitySecretContext(row.workspace_id, keyId)), row.workspace_id, keyId, row.secret],
    );
  }
  const first = await store.sql.all<Row>("SELECT workspace_id, secret FROM portal_identity_secrets");
  for (const row of first) {
    const context = firstTableContext(row.workspace_id);
    const plain = openOrReport(box, row, context, `${row.workspace_id} (first identity secret)`, report);
    if (plain === null) continue;
    report.resealed += await store.sql.run(
      "UPDATE portal_identity_secrets SET secret = ? WHERE workspace_id = ? AND secret = ?",
      [box.seal(plain, context), row.workspace_id, row.secret],
    );
  }
  return report;
}

/** The row's secret in clear when it must be sealed again; null when it is current, or unreadable (then named). */
function openOrReport(box: SecretBox, row: Row, context: string, name: string, report: ResealReport): string | null {
  if (box.isCurrent(row.secret)) return null;
  try {
    return box.open(row.secret, context);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    report.unreadable.push(name);
    return null;
  }
}
