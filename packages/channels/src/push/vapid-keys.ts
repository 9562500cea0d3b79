import type { SecretBox, SqlRunner } from "@overture/runtime";
import webPush from "web-push";

/** A workspace's VAPID key pair (RFC 8292), base64url as browsers and web-push take it. */
export type VapidKeys = { publicKey: string; privateKey: string };

/** Where the sealed private key lives: a value copied to another workspace's row does not open. */
function contextOf(workspaceId: string): string {
  return `push_vapid_keys/${workspaceId}/private_key`;
}

async function read(sql: SqlRunner, box: SecretBox, workspaceId: string): Promise<VapidKeys | null> {
  const rows = await sql.all<Record<string, unknown>>(
    "SELECT public_key, private_key FROM push_vapid_keys WHERE workspace_id = ?",
    [workspaceId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    publicKey: row.public_key as string,
    privateKey: box.open(row.private_key as string, contextOf(workspaceId)),
  };
}

/**
 * The workspace's VAPID keys, generated on first use; the private key is sealed at rest with the secret box. Two
 * first calls at once agree on one pair (the loser's insert does nothing), so browsers never hold a stale key.
 */
export async function workspaceVapidKeys(
  sql: SqlRunner,
  box: SecretBox,
  workspaceId: string,
  now: number,
): Promise<VapidKeys> {
  const existing = await read(sql, box, workspaceId);
  if (existing) return existing;
  const keys = webPush.generateVAPIDKeys();
  await sql.run(
    "INSERT INTO push_vapid_keys (workspace_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id) DO NOTHING",
    [workspaceId, keys.publicKey, box.seal(keys.privateKey, contextOf(workspaceId)), now],
  );
  return (await read(sql, box, workspaceId))!;
}

/**
 * The VAPID subject push services may contact about this sender: `PUSH_SUBJECT`, a mailto: or https: URL (push
 * services refuse others). Throws a TypeError naming the variable otherwise, so a bad setting stops start-up rather
 * than every send.
 */
export function vapidSubject(env: Record<string, string | undefined>): string {
  const subject = env.PUSH_SUBJECT?.trim() || "mailto:push@localhost";
  if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject))
    throw new TypeError(`PUSH_SUBJECT must be a mailto: address or an https: URL (RFC 8292), not '${subject}'`);
  return subject;
}
