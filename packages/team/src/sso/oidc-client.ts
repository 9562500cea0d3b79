import * as oidc from "openid-client";
import { isLoopback, type SsoConfig } from "./sso-config.ts";

/** What a finished login proves about the person, from the ID token (and the userinfo endpoint when it says more). */
export type OidcClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
};

/** The checks a callback is held to: the login's PKCE verifier, state and nonce. */
export type OidcChecks = { codeVerifier: string; state: string; nonce: string };

/**
 * The OpenID Connect relying party, on `openid-client`: discovery (once, on first use, retried after a failure so a
 * provider that was down at start is found later), the authorization URL with PKCE, state and nonce, and the code
 * exchange that verifies the ID token's signature, issuer, audience, expiry and nonce. Plain http is allowed only to a
 * loopback issuer (tests, a provider on this machine).
 */
export function createOidcClient(config: SsoConfig) {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };
  return {
    /** The provider's authorization URL to send the browser to. */
    async authorizationUrl(redirectUri: string, checks: OidcChecks): Promise<URL> {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: "S256",
        state: checks.state,
        nonce: checks.nonce,
      });
    },
    /**
     * Exchanges the callback's code for tokens and answers who signed in. `callbackUrl` is the redirect URI with the
     * callback's query: openid-client checks the state and takes the redirect URI of the token request from it.
     */
    async finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcClaims> {
      const conf = await configuration();
      const tokens = await oidc.authorizationCodeGrant(conf, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error("the provider answered no ID token");
      let claims: Record<string, unknown> = idToken;
      // Many providers keep email out of the ID token of a code flow and answer it at userinfo (for the same subject).
      if (typeof idToken.email !== "string" && conf.serverMetadata().userinfo_endpoint) {
        claims = { ...(await oidc.fetchUserInfo(conf, tokens.access_token, idToken.sub)), ...idToken };
      }
      const email = typeof claims.email === "string" ? claims.email : null;
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email,
        // Only a literal true counts: some providers send the string "true", which we do not guess about.
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === "string" ? claims.name : "",
      };
    },
  };
}

async function discover(config: SsoConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const insecure = issuer.protocol === "http:" && isLoopback(issuer);
  // client_secret_basic: the OpenID Connect default for a confidential client, which every provider accepts.
  return oidc.discovery(issuer, config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
    execute: insecure ? [oidc.allowInsecureRequests] : [],
  });
}

/** A fresh PKCE verifier, state and nonce for one login. */
export function newChecks(): OidcChecks {
  return { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
}
