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

const SSO_ERRORS: Record<string, string> = {
  access_denied: "Your identity provider refused the sign-in.",
  not_member: "Your account is not a member of any workspace here yet. Ask an admin to invite you.",
  no_account: "There is no account for that email here yet. Ask an admin to invite you.",
  state_mismatch: "The sign-in took too long or was started in another tab. Try again.",
  expired: "The sign-in took too long. Try again.",
  disabled: "Single sign-on is not set up on this server.",
  email_unverified: "Your identity provider has not verified your email address.",
};

/** A single sign-on error code in plain words (an unknown code still says what happened, and names the code). */
export function ssoErrorWords(code: string): string {
  return SSO_ERRORS[code] ?? `Single sign-on did not work (${code}). Try again, or sign in with your password.`;
}
