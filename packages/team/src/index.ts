/**
 * Teams and data rights (issue 13). Each feature is a folder with its own tables (both dialects, applied with
 * `store.sql.migrate`) and a small port of functions: members/ (users, sessions, members, invitations, password
 * resets), sso/ (OpenID Connect), audit/ (the audit log), approvals/ (review before publish), privacy/ (erasure,
 * export, retention). The server's routes call these ports; nothing here speaks HTTP.
 */
export * from "./audit/index.ts";
