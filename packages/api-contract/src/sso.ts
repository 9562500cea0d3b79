import { z } from "zod";
import { named } from "./registry.ts";

/** GET /v1/sso: whether the sign-in screen shows the single sign-on button, and its text. */
export const SsoConfigSchema = named(
  "SsoConfig",
  z.object({
    enabled: z.boolean().describe("True when an OpenID Connect provider is configured (OVERTURE_OIDC_ISSUER)."),
    label: z.string().describe('The button\'s text (OVERTURE_OIDC_LABEL, default "Sign in with SSO").'),
  }),
);

/** GET /v1/sso/start: where to come back to after signing in. */
export const SsoStartQuery = z.object({
  returnTo: z
    .string()
    .max(1000)
    .optional()
    .describe("A path on this server to land on after signing in (default `/`); anything else is ignored."),
});

/** GET /v1/sso/callback: what the provider sends the browser back with (OpenID Connect authorization response). */
export const SsoCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

/**
 * The codes of `sso_error` in the sign-in page's URL after a refused single sign-on; a provider may send other OAuth
 * error codes (e.g. `login_required`), passed on as they are.
 */
export const SSO_ERRORS = [
  "access_denied",
  "provider_error",
  "invalid_state",
  "sso_failed",
  "sso_disabled",
  "no_email",
  "email_unverified",
  "no_account",
] as const;
