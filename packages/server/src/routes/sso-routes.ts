import { SsoCallbackQuery, SsoConfigSchema, SsoStartQuery } from "@overture/api-contract";
import { InputError } from "@overture/runtime";
import { readCookie, type Sso, sessionCookie } from "@overture/team";
import type { Context } from "hono";
import { defineRoute, type OvertureApi, type RouteDef } from "../route.ts";
import { clientMeta } from "./session-http.ts";

const tag = "Single sign-on";

/** The cookie that binds a started login to the browser that started it (its value is the login's state). */
export const SSO_STATE_COOKIE = "overture_sso";

/** The sign-in screen of the editor, which shows `sso_error` and `sso_message` from its URL. */
const SIGN_IN_PAGE = "/#/sign-in";

function ssoOf(overture: OvertureApi): Sso | null {
  return overture.sso?.enabled ? overture.sso : null;
}

/** A 302 with these Set-Cookie headers; the Location is a path on this server. */
function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

/** The state cookie: HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which carries it). */
function stateCookie(state: string | null, secure: boolean): string {
  const parts = [`${SSO_STATE_COOKIE}=${state ?? ""}`, "Path=/v1/sso", "HttpOnly", "SameSite=Lax"];
  parts.push(`Max-Age=${state === null ? 0 : 600}`);
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

function signInPageWith(code: string, message: string): string {
  return `${SIGN_IN_PAGE}?${new URLSearchParams({ sso_error: code, sso_message: message })}`;
}

/** Secure cookies when the public URL or the request is https, or with OVERTURE_COOKIE_SECURE=1 (as password sign-in). */
function secureCookies(sso: Sso | undefined, c: Context): boolean {
  return (
    !!sso?.secureCookies() || new URL(c.req.url).protocol === "https:" || process.env.OVERTURE_COOKIE_SECURE === "1"
  );
}

/**
 * Single sign-on with OpenID Connect (docs/decisions/0033): whether it is on, the redirect to the provider, and the
 * callback that signs the member in with the session cookie. Every failure of the callback lands on the sign-in page
 * with a code and plain words, never an error document or a stack trace: a browser is following redirects here.
 */
export const ssoRoutes: RouteDef[] = [
  defineRoute({
    method: "get",
    path: "/v1/sso",
    operationId: "getSsoConfig",
    summary: "Whether single sign-on is on",
    description: "The sign-in screen shows the single sign-on button, with this text, when `enabled`.",
    tag,
    auth: "none",
    success: { status: 200, description: "Whether single sign-on is on, and its button.", schema: SsoConfigSchema },
    handle: async ({ overture }) => ({
      enabled: ssoOf(overture) !== null,
      label: overture.sso?.label ?? "Sign in with SSO",
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/sso/start",
    operationId: "startSso",
    summary: "Sign in with the identity provider",
    description:
      "Redirects the browser to the OpenID Connect provider (authorization code flow with PKCE, state and nonce). The login must finish within 10 minutes, in the same browser.",
    tag,
    auth: "none",
    query: SsoStartQuery,
    success: { status: 302, description: "A redirect to the provider's sign-in page." },
    errors: [404],
    handle: async ({ overture, query, c }) => {
      const sso = ssoOf(overture);
      if (!sso) {
        throw new InputError("not_found", "Single sign-on is not configured on this server (OVERTURE_OIDC_ISSUER).", [
          { path: "", code: "sso_disabled", message: "no OpenID Connect provider" },
        ]);
      }
      const { url, state } = await sso.start(query.returnTo);
      return redirect(url, [stateCookie(state, secureCookies(sso, c))]);
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/sso/callback",
    operationId: "ssoCallback",
    summary: "Where the identity provider sends the browser back",
    description:
      "Verifies the provider's answer (state bound to this browser, PKCE, the ID token's signature and nonce), signs the member in with the `overture_session` cookie and redirects to where the login started. A refused login redirects to `/#/sign-in?sso_error=<code>&sso_message=<words>`; nobody without an account or a pending invitation is let in.",
    tag,
    auth: "none",
    query: SsoCallbackQuery,
    success: { status: 302, description: "A redirect into the editor (signed in) or to its sign-in page (refused)." },
    handle: async ({ overture, c }) => {
      const sso = overture.sso;
      const secure = secureCookies(sso, c);
      const clearState = stateCookie(null, secure);
      if (!sso) return redirect(signInPageWith("sso_disabled", "Single sign-on is not configured."), [clearState]);
      // The raw query, not the schema's output: openid-client checks every parameter the provider sent (e.g. `iss`).
      const result = await sso.finish(
        c.req.query(),
        readCookie(c.req.header("cookie"), SSO_STATE_COOKIE),
        clientMeta(c),
      );
      if (!result.ok) {
        // Not `auditSubject`: this answer is a 302 like a success, and the audit recorder takes a non-error answer naming
        // a subject for a sign-in. `auditFailure` says who was refused and why, for the failed sign-ins of the log.
        c.set("auditFailure" as never, { email: result.email ?? "", code: result.code } as never);
        return redirect(signInPageWith(result.code, result.message), [clearState]);
      }
      c.set("principal" as never, result.principal as never);
      return redirect(result.returnTo, [clearState, sessionCookie(result.session.token, { secure })]);
    },
  }),
];
