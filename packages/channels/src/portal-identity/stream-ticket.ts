import { createHmac } from "node:crypto";
import type { Store } from "@overture/runtime";
import { sameSignature } from "./customer-token.ts";
import { currentIdentityKey, identityKeys, isKeyUsable } from "./identity-secrets.ts";

/**
 * Stream tickets: what a live notification stream (EventSource, which cannot send headers) carries in its URL
 * instead of the long-lived customer token. `st1.<keyId>.<expiresAtSeconds>.<workspace>.<customer>.<signature>`,
 * ids in base64url, signed like tokens but over a different prefix, so a ticket is never a token and the other way
 * round. It lives a minute: a URL that reaches an access log is worthless soon after.
 */
const PREFIX = "st1";

/** How long a stream ticket lives. */
export const STREAM_TICKET_TTL_MS = 60_000;

/** What a valid ticket names. */
export type StreamTicketCheck =
  | { ok: true; workspaceId: string; customerId: string }
  | { ok: false; code: "invalid_stream_ticket" | "stream_ticket_expired"; message: string };

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const unb64 = (text: string) => Buffer.from(text, "base64url").toString("utf8");

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

/** A ticket for one customer's stream, valid for {@link STREAM_TICKET_TTL_MS}. */
export async function issueStreamTicket(
  store: Store,
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<{ ticket: string; expiresAt: number }> {
  const key = await currentIdentityKey(store, workspaceId, now);
  const seconds = Math.floor((now + STREAM_TICKET_TTL_MS) / 1000);
  const body = `${PREFIX}.${key.keyId}.${seconds}.${b64(workspaceId)}.${b64(customerId)}`;
  return { ticket: `${body}.${sign(key.secret, body)}`, expiresAt: seconds * 1000 };
}

/** Checks a ticket at `now`: well formed, signed by a key of its workspace still in use, not expired. */
export async function verifyStreamTicket(store: Store, ticket: string, now: number): Promise<StreamTicketCheck> {
  const bad = (message: string): StreamTicketCheck => ({ ok: false, code: "invalid_stream_ticket", message });
  const parts = ticket.split(".");
  const [prefix, kid, exp, ws, customer, signature] = parts;
  const keyId = Number(kid);
  const seconds = Number(exp);
  if (
    parts.length !== 6 ||
    prefix !== PREFIX ||
    !Number.isSafeInteger(keyId) ||
    !Number.isSafeInteger(seconds) ||
    !ws ||
    !customer ||
    !signature
  ) {
    return bad("The stream ticket is not valid; get one from POST /v1/portal/stream-ticket.");
  }
  const workspaceId = unb64(ws);
  const key = (await identityKeys(store, workspaceId, now, { wantKeyId: keyId, create: false })).find(
    (k) => k.keyId === keyId,
  );
  if (!key || !isKeyUsable(key, now) || !sameSignature(signature, sign(key.secret, parts.slice(0, 5).join(".")))) {
    return bad("The stream ticket is not valid; get one from POST /v1/portal/stream-ticket.");
  }
  if (seconds * 1000 <= now) {
    return {
      ok: false,
      code: "stream_ticket_expired",
      message: "The stream ticket expired (tickets live a minute); get a new one from POST /v1/portal/stream-ticket.",
    };
  }
  return { ok: true, workspaceId, customerId: unb64(customer) };
}
