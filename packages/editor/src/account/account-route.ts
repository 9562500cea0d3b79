/**
 * The screens outside a workspace, each with its own address: signing in (`#/sign-in`, with `?sso_error=CODE` when
 * single sign-on came back refused), resetting a password (`#/reset-password`, and `#/reset-password/TOKEN` from the
 * emailed link) and accepting an invitation (`#/invitations/TOKEN`).
 */
export type AccountRoute =
  | { page: "sign-in"; ssoError?: string }
  | { page: "reset-password"; token?: string }
  | { page: "invitation"; token: string };

/** The account screen a hash names, or null when it names a workspace screen. */
export function parseAccountRoute(hash: string): AccountRoute | null {
  const [path = "", search = ""] = hash.split("?", 2);
  if (path === "#/sign-in" || path === "#/sign-in/") {
    const ssoError = new URLSearchParams(search).get("sso_error");
    return ssoError ? { page: "sign-in", ssoError } : { page: "sign-in" };
  }
  const match = /^#\/(reset-password|invitations)(?:\/([^/]+))?\/?$/.exec(path);
  if (!match) return null;
  const token = match[2] ? decodeURIComponent(match[2]) : undefined;
  if (match[1] === "reset-password") return token ? { page: "reset-password", token } : { page: "reset-password" };
  return token ? { page: "invitation", token } : null;
}

/** The hash of an account screen, for links. */
export function accountHref(route: AccountRoute): string {
  if (route.page === "sign-in")
    return route.ssoError ? `#/sign-in?sso_error=${encodeURIComponent(route.ssoError)}` : "#/sign-in";
  if (route.page === "reset-password")
    return route.token ? `#/reset-password/${encodeURIComponent(route.token)}` : "#/reset-password";
  return `#/invitations/${encodeURIComponent(route.token)}`;
}

/** The codes the single sign-on callback sends back (H2's `SSO_ERRORS`), in words. */
const SSO_ERRORS: Record<string, string> = {
  access_denied: "Your identity provider refused the sign-in.",
  provider_error: "Your identity provider could not sign you in. Try again in a moment.",
  invalid_state: "The sign-in took too long or was started in another tab. Try again.",
  sso_failed: "Single sign-on did not work. Try again, or sign in with your password.",
  sso_disabled: "Single sign-on is not set up on this server.",
  no_email: "Your identity provider did not tell us your email address.",
  email_unverified: "Your identity provider has not verified your email address.",
  no_account: "There is no account for that email here. Ask an admin to invite you.",
};

/**
 * A single sign-on error code in plain words. Only the code is read from the address, never a message: anyone can
 * send a link to this page, and the sign-in screen must not show their words. An unknown code is named if it looks
 * like one (a provider's own OAuth codes pass through).
 */
export function ssoErrorWords(code: string): string {
  const known = SSO_ERRORS[code];
  if (known) return known;
  const shown = /^[a-z0-9_]{1,40}$/.test(code) ? ` (${code})` : "";
  return `Single sign-on did not work${shown}. Try again, or sign in with your password.`;
}
