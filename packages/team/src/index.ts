/**
 * Teams and data rights (issue 13). Each feature is a folder with its own tables (both dialects, applied with
 * `store.sql.migrate`) and a small port of functions: members/ (users, sessions, members, invitations, password
 * resets), sso/ (OpenID Connect), audit/ (the audit log), approvals/ (review before publish), privacy/ (erasure,
 * export, retention). The server's routes call these ports; nothing here speaks HTTP.
 */

export * from "./approvals/index.ts";
export * from "./audit/index.ts";
export { type AccountEmail, type AccountMailer, type PublicUrl, smtpAccountMailer } from "./members/account-mail.ts";
export { type AccountView, type Membership, permissionsOf } from "./members/account-view.ts";
export { type FoundInvitation, INVITATION_MS, type Invitation, type Invitations } from "./members/invitations.ts";
export { createMembers, type Members, type MembersOptions, type SignInMeta } from "./members/members.ts";
export { MIN_PASSWORD_LENGTH } from "./members/password.ts";
export { type PasswordResets, RESET_MS } from "./members/password-resets.ts";
export type { SessionRequest } from "./members/session-auth.ts";
export { readCookie, SESSION_COOKIE, sessionCookie } from "./members/session-cookie.ts";
export { SESSION_MS } from "./members/sessions.ts";
export { normalizeEmail, type User } from "./members/users.ts";
export type { Member } from "./members/workspace-members.ts";
export * from "./privacy/index.ts";
export {
  createSso,
  type Sso,
  type SsoOptions,
  type SsoRefusal,
  type SsoSignIn,
  safeReturnPath,
} from "./sso/sso.ts";
export { DEFAULT_SSO_LABEL, type SsoConfig, ssoConfigFromEnv } from "./sso/sso-config.ts";
export { SSO_LOGIN_MS } from "./sso/sso-logins.ts";
