import { allows, PERMISSIONS, type Permission, type Principal } from "@overture/api-contract";
import { InputError, type KeyGrant } from "@overture/runtime";

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

/** A key found, as the principal a request acts as. */
export function keyPrincipal(grant: KeyGrant): Principal {
  return { kind: "key", workspaceId: grant.workspaceId, keyId: grant.keyId, name: grant.name, scopes: grant.scopes };
}

/**
 * The principal a request acts as, or the InputError to answer: 401 without a known key or session, 403 when the
 * principal lacks the route's permission (the answer names it, and the role or scope that would hold it).
 */
export function authorize(principal: Principal | null, permission: Permission, hadCredential: boolean): Principal {
  if (!hadCredential) {
    throw new InputError("unauthorized", "Sign in, or send an API key: Authorization: Bearer <key>.", [
      { path: "headers.authorization", code: "missing", message: "no API key" },
    ]);
  }
  if (!principal) {
    throw new InputError("unauthorized", "The API key or session is not valid (unknown, revoked or expired).", [
      { path: "headers.authorization", code: "unknown_key", message: "unknown, revoked or expired credential" },
    ]);
  }
  if (!allows(principal, permission)) {
    const grant = PERMISSIONS[permission];
    const who =
      principal.kind === "user"
        ? `Your role (${principal.role}) may not ${grant.means}${grant.role ? `; it takes ${grant.role} or above` : ""}.`
        : `This key (scopes: ${principal.scopes.join(", ") || "none"}) may not ${grant.means}.`;
    throw new InputError("forbidden", who, [
      {
        path: "headers.authorization",
        code: principal.kind === "user" ? "role_too_low" : "missing_scope",
        message: `needs ${permission}`,
      },
    ]);
  }
  return principal;
}
