import { SessionSchema, SetupInput, SetupStatusSchema, SignedOutSchema, SignInInput } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { defineRoute, type RouteDef } from "../route.ts";
import {
  clientMeta,
  membersOf,
  sessionAnswer,
  sessionToken,
  setSessionCookie,
  signInThrottle,
  tooManySignIns,
} from "./session-http.ts";

const tag = "Members";

/** A member's own account: documented as the session's, since no key holds `account.self`. */
const SESSION_ONLY = [{ session: [] }];

/** The current user (account.self), or the InputError a route answers when the principal is a key. */
function userOf(principal: unknown): { userId: string; workspaceId: string } {
  const p = principal as { kind?: string; userId?: string; workspaceId?: string } | null;
  if (p?.kind !== "user" || !p.userId) {
    throw new InputError("forbidden", "Only a signed-in member has a session; an API key has none.", [
      { path: "headers.authorization", code: "not_a_member", message: "a key" },
    ]);
  }
  return { userId: p.userId, workspaceId: p.workspaceId ?? "" };
}

/** Sign-in, sign-out and the first-run setup: members' sessions in the `overture_session` cookie. */
export const sessionRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/session",
    operationId: "getSession",
    summary: "Who is signed in: their workspaces, role, permissions and CSRF token",
    description:
      "Acts in the workspace of X-Overture-Workspace, else the member's first. Unsafe requests with the session cookie must send `csrfToken` in X-CSRF-Token.",
    tag,
    auth: "secret",
    security: SESSION_ONLY,
    success: { status: 200, description: "The session.", schema: SessionSchema },
    handle: async ({ overture, principal, c }) => {
      const members = membersOf(overture);
      const { userId, workspaceId } = userOf(principal);
      const session = await members.session(sessionToken(c) ?? "");
      if (!session || session.user.id !== userId) {
        throw new InputError("unauthorized", "Sign in: this request has no session.", [
          { path: "headers.cookie", code: "no_session", message: "no session cookie" },
        ]);
      }
      return sessionAnswer(c, members, session.user, session, workspaceId);
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/session",
    operationId: "signIn",
    summary: "Sign in with email and password (sets the session cookie)",
    description:
      "Wrong email or password: 401 `unauthorized`, the same for both. After 10 failures for one email (or 30 from one address) in 15 minutes: 429 `rate_limited` with Retry-After.",
    tag,
    auth: "none",
    body: SignInInput,
    success: { status: 200, description: "Signed in; the session cookie is set.", schema: SessionSchema },
    errors: [401, 429],
    handle: async ({ overture, body, c }) => {
      const members = membersOf(overture);
      const meta = clientMeta(c);
      const throttle = signInThrottle(overture);
      const wait = await throttle.blockedFor(body.email, meta.ip);
      if (wait > 0) {
        c.set("auditSubject" as never, { email: body.email } as never);
        return tooManySignIns(c, wait);
      }
      try {
        const { user, session } = await members.signIn(body.email, body.password, meta);
        await throttle.succeeded(body.email);
        setSessionCookie(c, session.token);
        return await sessionAnswer(c, members, user, session);
      } catch (error) {
        if (error instanceof InputError && error.code === "unauthorized") {
          c.set("auditSubject" as never, { email: body.email } as never);
          await throttle.failed(body.email, meta.ip);
        }
        throw error;
      }
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/session",
    operationId: "signOut",
    summary: "Sign out (ends this session, clears the cookie)",
    tag,
    auth: "secret",
    security: SESSION_ONLY,
    success: { status: 200, description: "Signed out.", schema: SignedOutSchema },
    handle: async ({ overture, principal, c }) => {
      userOf(principal);
      const token = sessionToken(c);
      if (token) await membersOf(overture).signOut(token);
      setSessionCookie(c, null);
      return { signedOut: true as const, sessions: 1 };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/sessions",
    operationId: "signOutEverywhere",
    summary: "Sign out everywhere (ends every session of the member)",
    tag,
    auth: "secret",
    security: SESSION_ONLY,
    success: { status: 200, description: "Every session ended.", schema: SignedOutSchema },
    handle: async ({ overture, principal, c }) => {
      const { userId } = userOf(principal);
      const sessions = await membersOf(overture).signOutEverywhere(userId);
      setSessionCookie(c, null);
      return { signedOut: true as const, sessions };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/setup",
    operationId: "getSetup",
    summary: "Whether the first-run screen is needed (no user yet)",
    tag,
    auth: "none",
    success: { status: 200, description: "Needed or not.", schema: SetupStatusSchema },
    handle: async ({ overture }) => ({ needed: overture.members ? await overture.members.needsSetup() : false }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/setup",
    operationId: "completeSetup",
    summary: "First run: create the first user, owner of the default workspace, signed in",
    description: "Only while no user exists; after that 409 `setup_done`.",
    tag,
    auth: "none",
    body: SetupInput,
    success: { status: 201, description: "The owner, signed in; the session cookie is set.", schema: SessionSchema },
    errors: [409],
    handle: async ({ overture, body, c }) => {
      const members = membersOf(overture);
      // Checked again inside completeSetup, one request at a time; here so that a late call creates no workspace.
      if (!(await members.needsSetup())) {
        throw new InputError("setup_done", "Overture is set up already: sign in, or ask an owner for an invitation.", [
          { path: "", code: "setup_done", message: "a user exists" },
        ]);
      }
      const { workspaceId } = await overture.workspaces.ensureDefault();
      const { user, session } = await members.completeSetup(body, workspaceId, clientMeta(c));
      setSessionCookie(c, session.token);
      return sessionAnswer(c, members, user, session, workspaceId);
    },
  }),
];
