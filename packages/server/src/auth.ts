import { InputError } from "@overture/runtime";
import type { RouteAuth } from "./route.ts";

/**
 * The API key in an Authorization header: `Bearer <key>`, or HTTP Basic with the key as user name (how Segment's
 * libraries send their write key). Null when there is none.
 */
export function keyFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return value || null;
  if (scheme?.toLowerCase() === "basic") {
    let decoded: string;
    try {
      decoded = Buffer.from(value, "base64").toString("utf8");
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    return user || null;
  }
  return null;
}

/** What a key may do, as the workspace service says. */
export type KeyGrant = { workspaceId: string; kind: "secret" | "write" } | null;

/**
 * The workspace a request acts for, or the InputError to answer: 401 without a known key, 403 when a write key calls a
 * management route. A secret key may do everything a write key may.
 */
export function authorize(grant: KeyGrant, required: Exclude<RouteAuth, "none">, hadKey: boolean): string {
  if (!hadKey) {
    throw new InputError("unauthorized", "Send your API key: Authorization: Bearer <key>.", [
      { path: "headers.authorization", code: "missing", message: "no API key" },
    ]);
  }
  if (!grant) {
    throw new InputError("unauthorized", "The API key is not valid.", [
      { path: "headers.authorization", code: "unknown_key", message: "unknown API key" },
    ]);
  }
  if (required === "secret" && grant.kind !== "secret") {
    throw new InputError("forbidden", "This call needs the workspace's secret key; the write key only sends events.", [
      { path: "headers.authorization", code: "write_key", message: "a write key cannot manage journeys or customers" },
    ]);
  }
  return grant.workspaceId;
}
