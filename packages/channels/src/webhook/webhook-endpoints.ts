import { randomBytes } from "node:crypto";
import { InputError, type SqlMigration, type Store } from "@overture/runtime";

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

/** An endpoint as the API shows it: never the secret. */
export type WebhookEndpointView = Omit<WebhookEndpoint, "secret">;

/** The webhook tables, numbered for `store.sql.migrate`. */
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
];

/** Creates the webhook tables when missing; call at start-up. */
export async function ensureWebhookSchema(store: Store): Promise<void> {
  await store.sql.migrate(WEBHOOK_MIGRATIONS);
}

/** Endpoint names: letters, digits, `.`, `_`, `-`; a step's `endpoint` is a name unless it contains `://`. */
export const ENDPOINT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

type Row = Record<string, unknown>;

function fromRow(r: Row): WebhookEndpoint {
  const headers = typeof r.headers === "string" ? JSON.parse(r.headers) : r.headers;
  return {
    name: r.name as string,
    url: r.url as string,
    secret: r.secret as string,
    timeoutMs: r.timeout_ms === null || r.timeout_ms === undefined ? null : Number(r.timeout_ms),
    headers: headers as Record<string, string>,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** Hides the secret. */
export function endpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  const { secret: _secret, ...view } = endpoint;
  return view;
}

/** A new signing secret: 32 random bytes, hex, prefixed so it is recognisable in a config file. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}

/**
 * Creates or replaces an endpoint. Without a `secret`, an existing endpoint keeps its own and a new one gets a fresh
 * one; the answer carries the secret only when it was generated, so it can be copied once.
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
  return store.sql.transaction(async (tx) => {
    const existing = (await tx.all("SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [workspaceId, input.name])).map(fromRow)[0];
    const generated = input.secret === undefined && !existing ? newWebhookSecret() : undefined;
    const secret = input.secret ?? existing?.secret ?? generated!;
    // An upsert, so two PUTs of a new name at once do not collide.
    await tx.run(
      `INSERT INTO webhook_endpoints (workspace_id, name, url, secret, timeout_ms, headers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, name) DO UPDATE SET url = excluded.url, secret = excluded.secret, timeout_ms = excluded.timeout_ms,
         headers = excluded.headers, updated_at = excluded.updated_at`,
      [workspaceId, input.name, input.url, secret, input.timeoutMs ?? null, JSON.stringify(input.headers ?? {}), now, now],
    );
    const view: WebhookEndpointView = {
      name: input.name,
      url: input.url,
      timeoutMs: input.timeoutMs ?? null,
      headers: input.headers ?? {},
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    return generated ? { ...view, secret: generated } : view;
  });
}

/** One endpoint with its secret (for the channel), or null. */
export async function getWebhookEndpoint(store: Store, workspaceId: string, name: string): Promise<WebhookEndpoint | null> {
  const rows = await store.sql.all("SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND name = ?", [workspaceId, name]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The workspace's endpoints by name, without secrets. */
export async function listWebhookEndpoints(store: Store, workspaceId: string): Promise<WebhookEndpointView[]> {
  const rows = await store.sql.all("SELECT * FROM webhook_endpoints WHERE workspace_id = ? ORDER BY name", [workspaceId]);
  return rows.map((r) => endpointView(fromRow(r)));
}
