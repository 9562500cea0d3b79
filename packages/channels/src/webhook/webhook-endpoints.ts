import { randomBytes } from "node:crypto";
import { InputError, type SqlMigration, type Store } from "@overture/runtime";
import { type EndpointRow, maskSecretValue, openEndpoint, sealEndpoint } from "./endpoint-sealing.ts";
import { webhookSecretBox } from "./webhook-secret-key.ts";

/** A configured webhook endpoint of a workspace; webhook steps name it. The secret signs every call to it. */
export type WebhookEndpoint = {
  name: string;
  url: string;
  secret: string;
  timeoutMs: number | null;
  headers: Record<string, string>;
  createdAt: number;
  updatedAt: number;
};

/** An endpoint as the API shows it: never the secret, and header values masked (`••••abcd`). */
export type WebhookEndpointView = Omit<WebhookEndpoint, "secret">;

/** The webhook tables, numbered for `store.sql.migrate`. The secret and header values are sealed (the runtime's secret box). */
export const WEBHOOK_MIGRATIONS: SqlMigration[] = [
  {
    id: "webhook_0001_endpoints",
    sqlite: `CREATE TABLE webhook_endpoints (
  workspace_id TEXT NOT NULL, name TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL, timeout_ms INTEGER, headers TEXT NOT NULL,
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (workspace_id, name))`,
    postgres: `CREATE TABLE webhook_endpoints (
  workspace_id text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, url text NOT NULL, secret text NOT NULL, timeout_ms integer,
  headers jsonb NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (workspace_id, name))`,
  },
  {
    // The secret that signs steps naming a URL rather than an endpoint: one per workspace.
    id: "webhook_0002_signing_secrets",
    sqlite: `CREATE TABLE webhook_signing_secrets (
  workspace_id TEXT NOT NULL PRIMARY KEY, secret TEXT NOT NULL, created_at INTEGER NOT NULL, rotated_at INTEGER NOT NULL)`,
    postgres: `CREATE TABLE webhook_signing_secrets (
  workspace_id text COLLATE "C" NOT NULL PRIMARY KEY, secret text NOT NULL, created_at bigint NOT NULL, rotated_at bigint NOT NULL)`,
  },
];

/** Creates the webhook tables when missing; call at start-up. */
export async function ensureWebhookSchema(store: Store): Promise<void> {
  await store.sql.migrate(WEBHOOK_MIGRATIONS);
}

/** Endpoint names: letters, digits, `.`, `_`, `-`; a step's `endpoint` is a name unless it contains `://`. */
export const ENDPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Hides the secret and masks each header value: headers carry auth tokens. */
export function endpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  const { secret: _secret, headers, ...rest } = endpoint;
  return {
    ...rest,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, maskSecretValue(value)])),
  };
}

/** A new signing secret: 32 random bytes, hex, prefixed so it is recognisable in a config file. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}

/**
 * Creates or replaces an endpoint. Without a `secret`, an existing endpoint keeps its own and a new one gets a fresh
 * one; the answer carries the secret only when it was generated, so it can be copied once. A header sent back as the
 * list shows it (masked) keeps its stored value, so a client can edit an endpoint from what it listed.
 */
export async function putWebhookEndpoint(
  store: Store,
  workspaceId: string,
  input: { name: string; url: string; secret?: string; timeoutMs?: number; headers?: Record<string, string> },
  now: number,
): Promise<WebhookEndpointView & { secret?: string }> {
  if (!ENDPOINT_NAME.test(input.name)) {
    throw new InputError("invalid_input", `'${input.name}' is not an endpoint name`, [
      { path: "name", code: "invalid_format", message: "letters, digits, '.', '_' and '-', at most 100" },
    ]);
  }
  const box = webhookSecretBox(store);
  return store.sql.transaction(async (tx) => {
    const rows = await tx.all<EndpointRow>("SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [
      workspaceId,
      input.name,
    ]);
    const existing = rows[0] ? openEndpoint(box, workspaceId, rows[0]) : undefined;
    const generated = input.secret === undefined && !existing ? newWebhookSecret() : undefined;
    const headers = Object.fromEntries(
      Object.entries(input.headers ?? {}).map(([name, value]) => {
        const kept = existing?.headers[name];
        return [name, kept !== undefined && value === maskSecretValue(kept) ? kept : value];
      }),
    );
    const endpoint: WebhookEndpoint = {
      name: input.name,
      url: input.url,
      secret: input.secret ?? existing?.secret ?? generated!,
      timeoutMs: input.timeoutMs ?? null,
      headers,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    const sealed = sealEndpoint(box, workspaceId, endpoint);
    // An upsert, so two PUTs of a new name at once do not collide.
    await tx.run(
      `INSERT INTO webhook_endpoints (workspace_id, name, url, secret, timeout_ms, headers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, name) DO UPDATE SET url = excluded.url, secret = excluded.secret, timeout_ms = excluded.timeout_ms,
         headers = excluded.headers, updated_at = excluded.updated_at`,
      [workspaceId, input.name, input.url, sealed.secret, endpoint.timeoutMs, sealed.headers, now, now],
    );
    const view = endpointView(endpoint);
    return generated ? { ...view, secret: generated } : view;
  });
}

/** One endpoint with its secret and headers in clear (for the channel), or null. */
export async function getWebhookEndpoint(
  store: Pick<Store, "sql">,
  workspaceId: string,
  name: string,
): Promise<WebhookEndpoint | null> {
  const rows = await store.sql.all<EndpointRow>("SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [
    workspaceId,
    name,
  ]);
  return rows[0] ? openEndpoint(webhookSecretBox(store), workspaceId, rows[0]) : null;
}

/** The workspace's endpoints by name, as the API shows them (no secret, masked headers). */
export async function listWebhookEndpoints(
  store: Pick<Store, "sql">,
  workspaceId: string,
): Promise<WebhookEndpointView[]> {
  const rows = await store.sql.all<EndpointRow>(
    "SELECT * FROM webhook_endpoints WHERE workspace_id = ? ORDER BY name",
    [workspaceId],
  );
  const box = webhookSecretBox(store);
  return rows.map((r) => endpointView(openEndpoint(box, workspaceId, r)));
}

/** The workspace's endpoint names and URLs (what the catalog and journey validation need; nothing secret is read). */
export async function listWebhookEndpointTargets(
  store: Pick<Store, "sql">,
  workspaceId: string,
): Promise<Array<{ name: string; url: string }>> {
  return store.sql.all<{ name: string; url: string }>(
    "SELECT name, url FROM webhook_endpoints WHERE workspace_id = ? ORDER BY name",
    [workspaceId],
  );
}
