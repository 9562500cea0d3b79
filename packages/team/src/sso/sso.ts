import type { Principal } from "@overture/api-contract";
import type { Clock, SqlRunner, Store } from "@overture/runtime";
import { acceptInvitationsForEmail } from "../members/invitations-by-email.ts";
import type { Members, SignInMeta } from "../members/members.ts";
import type { NewSession } from "../members/sessions.ts";
import type { User } from "../members/users.ts";
import { linkIdentity, userOfIdentity } from "./identities.ts";
import { createOidcClient, newChecks, type OidcClaims } from "./oidc-client.ts";
import { DEFAULT_SSO_LABEL, type SsoConfig } from "./sso-config.ts";
import { insertLogin, takeLogin } from "./sso-logins.ts";
import { SSO_MIGRATIONS } from "./sso-tables.ts";

/** Why a login was refused: a code for the sign-in page's URL and the words it shows. */
export type SsoRefusal = { ok: false; code: string; message: string; email?: string };

/** A finished login: the user, their new session, the principal it signs in and where to send the browser. */
export type SsoSignIn = { ok: true; user: User; session: NewSession; principal: Principal; returnTo: string };

/** Options of {@link createSso}. */
export type SsoOptions = {
  store: Store;
  members: Members;
  /** The wall clock (logins expire after 10 minutes of it). */
  clock: Clock;
  /** The provider; null: single sign-on is off. */
  config: SsoConfig | null;
  /** `<public URL>/v1/sso/callback`; a function since the server's URL is known once it listens. */
  redirectUri: () => string;
  /** Told why a login failed inside (provider unreachable, a token that does not verify): the log line. */
  onFailure?: (error: unknown) => void;
};

/**
 * The single sign-on port (OpenID Connect). `start` keeps the login's PKCE verifier, state and nonce in `sso_logins`
 * and answers the provider's URL; `finish` takes them back once (any process can), lets openid-client verify the
 * provider's answer, and applies the sign-in rule of docs/decisions/0033: a known identity signs its user in; else a
 * user with the same verified email is linked; else a pending invitation for that email is accepted; else refused.
 * Nobody becomes a member without an invitation.
 */
export function createSso(options: SsoOptions) {
  const { store, members, clock, config } = options;
  let migrated: Promise<unknown> | undefined;
  const sql = async (): Promise<SqlRunner> => {
    migrated ??= store.sql.migrate(SSO_MIGRATIONS).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    await migrated;
    return store.sql;
  };
  const client = config ? createOidcClient(config) : null;
  const refuse = (code: string, message: string, email?: string): SsoRefusal => ({ ok: false, code, message, email });
  const failed = (error: unknown): SsoRefusal => {
    options.onFailure?.(error);
    return refuse("sso_failed", "Single sign-on did not complete; try again, or ask an admin to check the provider.");
  };

  return {
    enabled: client !== null,
    label: config?.label ?? DEFAULT_SSO_LABEL,
    /** Cookies are Secure when the server is reached over https (its redirect URI says so). */
    secureCookies(): boolean {
      return options.redirectUri().startsWith("https:");
    },
    /** Starts a login: the provider's URL to redirect to, and the state the browser's cookie binds it with. */
    async start(returnTo: string | undefined): Promise<{ url: string; state: string }> {
      if (!client) throw new Error("single sign-on is off (no OVERTURE_OIDC_ISSUER)");
      const checks = newChecks();
      const url = await client.authorizationUrl(options.redirectUri(), checks);
      await insertLogin(await sql(), { ...checks, returnTo: safeReturnPath(returnTo) }, clock.now());
      return { url: url.href, state: checks.state };
    },
    /**
     * Finishes a login from the callback's query. `boundState` is the state of the cookie set by `start` in this
     * browser: a callback link made by someone else (login CSRF) has a state this browser never started.
     */
    async finish(
      query: Record<string, string | undefined>,
      boundState: string | undefined,
      meta: SignInMeta = {},
    ): Promise<SsoSignIn | SsoRefusal> {
      if (!client) return refuse("sso_disabled", "Single sign-on is not configured on this server.");
      const state = query.state ?? "";
      // The state is checked (and used up) first, so that a provider's error also ends the login it belongs to.
      const login = state ? await takeLogin(await sql(), state, clock.now()) : null;
      if (query.error) return refuse(providerCode(query.error), providerMessage(query.error, query.error_description));
      if (!login || boundState !== state) {
        return refuse("invalid_state", "This sign-in link is expired, used or not from this browser; sign in again.");
      }
      // Whatever fails from here (the provider, a token that does not verify, a database error, an invitation spent
      // by a sign-in at the same moment) is logged and shown as sso_failed: a browser is following redirects.
      try {
        const callbackUrl = new URL(options.redirectUri());
        for (const [name, value] of Object.entries(query)) {
          if (value !== undefined) callbackUrl.searchParams.set(name, value);
        }
        return await signInWith(await client.finish(callbackUrl, login), login.returnTo, meta);
      } catch (error) {
        return failed(error);
      }
    },
  };

  async function signInWith(claims: OidcClaims, returnTo: string, meta: SignInMeta): Promise<SsoSignIn | SsoRefusal> {
    const user = await userFor(claims);
    if (!("id" in user)) return user;
    await linkIdentity(
      await sql(),
      { issuer: claims.issuer, subject: claims.subject, userId: user.id, email: claims.email },
      clock.now(),
    );
    const session = await members.openSession(user.id, meta);
    const [first] = await members.memberships(user.id);
    const principal: Principal = {
      kind: "user",
      userId: user.id,
      email: user.email,
      name: user.name,
      ...(first ?? { workspaceId: "", role: null }),
    };
    return { ok: true, user, session, principal, returnTo };
  }

  async function userFor(claims: OidcClaims): Promise<User | SsoRefusal> {
    const linked = await userOfIdentity(await sql(), claims.issuer, claims.subject);
    if (linked) {
      const user = await members.getUser(linked);
      if (user) return user;
    }
    const email = claims.email;
    if (!email) {
      return refuse("no_email", "Your identity provider did not tell us your email; ask an admin to check its scopes.");
    }
    if (!claims.emailVerified) {
      return refuse(
        "email_unverified",
        `Your identity provider has not verified ${email}; verify it there, or ask an admin to invite you.`,
        email,
      );
    }
    const existing = await members.findUser(email);
    if (existing) return existing;
    const invited = await acceptInvitationsForEmail(members, { email, name: claims.name, now: clock.now() });
    if (invited) return invited;
    return refuse("no_account", `No Overture account for ${email} — ask an admin to invite you.`, email);
  }
}

/** The single sign-on port. */
export type Sso = ReturnType<typeof createSso>;

/**
 * Where to go after signing in: a path on this server only (no scheme, no `//host`, no backslash that browsers read as
 * a slash), else `/`. An open redirect would let a phishing link pass through our sign-in.
 */
export function safeReturnPath(path: string | undefined): string {
  if (!path || path.length > 1000 || !path.startsWith("/") || path.startsWith("//")) return "/";
  if (/[\\\s]/.test(path) || [...path].some((char) => char.charCodeAt(0) < 0x20)) return "/";
  return path;
}

/** The provider's error code as the sign-in page gets it: OAuth codes are lowercase words; anything else is generic. */
function providerCode(error: string): string {
  return /^[a-z_]{1,64}$/.test(error) ? error : "provider_error";
}

function providerMessage(error: string, description: string | undefined): string {
  if (error === "access_denied") return "Sign-in was cancelled or refused at your identity provider.";
  const detail = description ? `: ${description.slice(0, 200)}` : "";
  return `Your identity provider refused the sign-in (${providerCode(error)}${detail}).`;
}
