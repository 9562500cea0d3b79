import { errorFromAnswer, OvertureError } from "./errors.ts";

/** Who the page is signed in as: the customer id and the token the site's backend minted for it. */
export type Identity = { customerId: string; token: string };

/** How to reach the server: its address, the workspace's write key, and a fetch. */
export type Connection = { host: string; writeKey: string; fetch: typeof fetch };

/** One call: query parameters, a JSON body, and the identity whose headers it carries. */
export type CallOptions = { query?: Record<string, string>; body?: unknown; identity?: Identity };

/** The full address of an API path, with its query string. */
export function urlFor(host: string, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${host.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`;
}

/**
 * Calls the API with the write key, and the customer headers when an identity is given. Resolves with the JSON
 * answer; rejects with an OvertureError carrying the server's code (or `network_error` when there was no answer).
 */
export async function call<T>(
  connection: Connection,
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${connection.writeKey}` };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.identity) {
    headers["x-customer-id"] = options.identity.customerId;
    headers["x-customer-token"] = options.identity.token;
  }
  let response: Response;
  try {
    response = await connection.fetch(urlFor(connection.host, path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new OvertureError(
      "network_error",
      `Could not reach ${connection.host}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new OvertureError(
      "bad_response",
      `The server answered ${response.status} with something that is not JSON.`,
      response.status,
    );
  }
  if (!response.ok) throw errorFromAnswer(response.status, json);
  return json as T;
}
