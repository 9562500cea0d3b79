import { type SecretBox, SecretUnreadableError } from "@overture/runtime";
import type { WebhookEndpoint } from "./webhook-endpoints.ts";

/** A row of `webhook_endpoints` as the database returns it (headers: SQLite text, PostgreSQL jsonb). */
export type EndpointRow = Record<string, unknown>;

/** Where a sealed value lives: opening it anywhere else fails (a value copied to another row does not decrypt). */
function contextOf(workspaceId: string, name: string, field: string): string {
  return `webhook_endpoints/${workspaceId}/${name}/${field}`;
}

function headersOf(row: EndpointRow): Record<string, string> {
  return (typeof row.headers === "string" ? JSON.parse(row.headers) : row.headers) as Record<string, string>;
}

/** The secret and header values of an endpoint sealed for its row; header names stay readable. */
export function sealEndpoint(
  box: SecretBox,
  workspaceId: string,
  endpoint: WebhookEndpoint,
): { secret: string; headers: string } {
  const headers = Object.fromEntries(
    Object.entries(endpoint.headers).map(([header, value]) => [
      header,
      box.seal(value, contextOf(workspaceId, endpoint.name, `header:${header}`)),
    ]),
  );
  return {
    secret: box.seal(endpoint.secret, contextOf(workspaceId, endpoint.name, "secret")),
    headers: JSON.stringify(headers),
  };
}

/** A row with its secret and header values opened (plaintext rows from before encryption are read as they are). */
export function openEndpoint(box: SecretBox, workspaceId: string, row: EndpointRow): WebhookEndpoint {
  const name = row.name as string;
  const open = (value: string, field: string) => {
    try {
      return box.open(value, contextOf(workspaceId, name, field));
    } catch (error) {
      if (error instanceof SecretUnreadableError)
        throw new SecretUnreadableError(`the ${field} of webhook endpoint '${name}' cannot be read: ${error.message}`);
      throw error;
    }
  };
  return {
    name,
    url: row.url as string,
    secret: open(row.secret as string, "secret"),
    timeoutMs: row.timeout_ms === null || row.timeout_ms === undefined ? null : Number(row.timeout_ms),
    headers: Object.fromEntries(
      Object.entries(headersOf(row)).map(([header, value]) => [header, open(value, `header:${header}`)]),
    ),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** How a header value is shown: its last four characters when it is long enough to keep the rest hidden. */
export function maskSecretValue(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : "••••";
}
