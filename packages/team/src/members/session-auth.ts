import { timingSafeEqual } from "node:crypto";
import type { Principal } from "@overture/api-contract";
import { type Clock, InputError, type SqlRunner } from "@overture/runtime";
import { readCookie, SESSION_COOKIE } from "./session-cookie.ts";
import { findSession } from "./sessions.ts";
import { membershipsOf, roleIn } from "./workspace-members.ts";

/** What the router tells of a request without an API key (the server's `SessionRequest`). */
export type SessionRequest = {
  cookie: string | undefined;
  workspaceId: string | undefined;
  csrfToken: string | undefined;
  method: string;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The member a request's session cookie signs in, in the workspace it names (X-Overture-Workspace) or their first.
 * Unsafe requests must echo the session's CSRF token (synchronizer token: a page on another site can make the browser
 * send the cookie, never read the token). A workspace the user is not a member of is refused, not silently swapped.
 */
export function createSessionAuth(sql: () => Promise<SqlRunner>, clock: Clock) {
  return {
    async principalOf(request: SessionRequest): Promise<Principal | null> {
      const token = readCookie(request.cookie, SESSION_COOKIE);
      if (!token) return null;
      const db = await sql();
      const session = await findSession(db, token, clock.now());
      if (!session) return null;
      if (!SAFE_METHODS.has(request.method.toUpperCase()) && !sameText(request.csrfToken, session.csrfToken)) {
        throw new InputError("forbidden", "Send the session's CSRF token in X-CSRF-Token (GET /v1/session has it).", [
          { path: "headers.x-csrf-token", code: "csrf", message: "missing or wrong CSRF token" },
        ]);
      }
      const { user } = session;
      const member = { kind: "user" as const, userId: user.id, email: user.email, name: user.name };
      if (request.workspaceId) {
        const role = await roleIn(db, request.workspaceId, user.id);
        if (!role) {
          throw new InputError("forbidden", `You are not a member of workspace ${request.workspaceId}.`, [
            { path: "headers.x-overture-workspace", code: "not_member", message: request.workspaceId },
          ]);
        }
        return { ...member, workspaceId: request.workspaceId, role };
      }
      const [first] = await membershipsOf(db, user.id);
      return first ? { ...member, ...first } : { ...member, workspaceId: "", role: null };
    },
  };
}

function sameText(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
