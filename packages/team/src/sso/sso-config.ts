/** The button's text when OVERTURE_OIDC_LABEL is not set. */
export const DEFAULT_SSO_LABEL = "Sign in with SSO";

/** One OpenID Connect provider that members may sign in with. */
export type SsoConfig = {
  /** The issuer URL; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's text. */
  label: string;
};

/**
 * The provider from the environment: OVERTURE_OIDC_ISSUER, OVERTURE_OIDC_CLIENT_ID, OVERTURE_OIDC_CLIENT_SECRET and
 * OVERTURE_OIDC_LABEL. No issuer: null (single sign-on is off). An issuer without a client id or secret is a mistake
 * the operator must hear about at start, not at the first sign-in, so it throws.
 */
export function ssoConfigFromEnv(env: Record<string, string | undefined>): SsoConfig | null {
  const issuer = env.OVERTURE_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.OVERTURE_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OVERTURE_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new Error("OVERTURE_OIDC_ISSUER is set: set OVERTURE_OIDC_CLIENT_ID and OVERTURE_OIDC_CLIENT_SECRET too");
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OVERTURE_OIDC_ISSUER is not a URL: ${issuer}`);
  }
  if (url.protocol !== "https:" && !isLoopback(url)) {
    throw new Error(`OVERTURE_OIDC_ISSUER must be https (plain http only on this machine): ${issuer}`);
  }
  return { issuer, clientId, clientSecret, label: env.OVERTURE_OIDC_LABEL?.trim() || DEFAULT_SSO_LABEL };
}

/** True for http(s)://127.0.0.1, [::1] and localhost: the only issuers spoken to over plain http (tests, a local IdP). */
export function isLoopback(url: URL): boolean {
  return ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname);
}
