import {
  ApprovalListQuery,
  ApprovalRequestDetailSchema,
  ApprovalRequestInput,
  ApprovalRequestListSchema,
  ApprovalRequestSchema,
  ApprovalSettingsSchema,
  ApproveInput,
  RejectInput,
} from "./approvals.ts";
import { AuditPageSchema, AuditQuery, AuditSettingsInput, AuditSettingsSchema } from "./audit.ts";
import {
  ApiKeySchema,
  CreatedKeySchema,
  CreateKeyInput,
  KeyListSchema,
  RotatedKeySchema,
  RotateKeyInput,
} from "./keys.ts";
import {
  AcceptInvitationInput,
  CreateWorkspaceInput,
  InvitationInput,
  InvitationListSchema,
  InvitationPreviewSchema,
  InvitationRevokedSchema,
  InvitationSchema,
  MemberListSchema,
  MemberRemovedSchema,
  MemberSchema,
  PasswordResetRequestedSchema,
  PasswordResetRequestInput,
  ResetPasswordInput,
  SessionSchema,
  SetupInput,
  SetupStatusSchema,
  SignedOutSchema,
  SignInInput,
  UpdateMemberInput,
  WorkspaceListSchema,
  WorkspaceMembershipSchema,
} from "./members.ts";
import type { Operation } from "./operation.ts";
import { CustomerErasureSchema, CustomerExportSchema, RetentionInput, RetentionSchema } from "./privacy.ts";
import { SsoConfigSchema } from "./sso.ts";

/**
 * The operations of teams and customers' data rights (issue 13): members and sign-in, single sign-on, approvals, API
 * keys, the audit log, erasure, export and retention. Spread into {@link contract}; kept apart so each file stays small.
 */
export const teamContract = {
  // Customers' data rights (issue 13)
  eraseCustomer: { method: "delete", path: "/v1/customers/:id", status: 200, response: CustomerErasureSchema },
  exportCustomer: { method: "get", path: "/v1/customers/:id/export", status: 200, response: CustomerExportSchema },
  getRetention: { method: "get", path: "/v1/retention", status: 200, response: RetentionSchema },
  putRetention: { method: "put", path: "/v1/retention", status: 200, body: RetentionInput, response: RetentionSchema },

  // Single sign-on (public; /v1/sso/start and /v1/sso/callback answer redirects, not JSON)
  getSsoConfig: { method: "get", path: "/v1/sso", status: 200, response: SsoConfigSchema },

  // Approvals (issue 13)
  getApprovalSettings: { method: "get", path: "/v1/approvals/settings", status: 200, response: ApprovalSettingsSchema },
  putApprovalSettings: {
    method: "put",
    path: "/v1/approvals/settings",
    status: 200,
    body: ApprovalSettingsSchema,
    response: ApprovalSettingsSchema,
  },
  requestApproval: {
    method: "post",
    path: "/v1/journeys/:id/approval-requests",
    status: 201,
    body: ApprovalRequestInput,
    response: ApprovalRequestSchema,
  },
  listApprovalRequests: {
    method: "get",
    path: "/v1/approval-requests",
    status: 200,
    query: ApprovalListQuery,
    response: ApprovalRequestListSchema,
  },
  getApprovalRequest: {
    method: "get",
    path: "/v1/approval-requests/:id",
    status: 200,
    response: ApprovalRequestDetailSchema,
  },
  approveRequest: {
    method: "post",
    path: "/v1/approval-requests/:id/approve",
    status: 200,
    body: ApproveInput,
    response: ApprovalRequestSchema,
  },
  rejectRequest: {
    method: "post",
    path: "/v1/approval-requests/:id/reject",
    status: 200,
    body: RejectInput,
    response: ApprovalRequestSchema,
  },
  // Members and sign-in (issue 13)
  getSession: { method: "get", path: "/v1/session", status: 200, response: SessionSchema },
  signIn: { method: "post", path: "/v1/session", status: 200, body: SignInInput, response: SessionSchema },
  signOut: { method: "delete", path: "/v1/session", status: 200, response: SignedOutSchema },
  signOutEverywhere: { method: "delete", path: "/v1/sessions", status: 200, response: SignedOutSchema },
  getSetup: { method: "get", path: "/v1/setup", status: 200, response: SetupStatusSchema },
  completeSetup: { method: "post", path: "/v1/setup", status: 201, body: SetupInput, response: SessionSchema },
  requestPasswordReset: {
    method: "post",
    path: "/v1/password-resets",
    status: 200,
    body: PasswordResetRequestInput,
    response: PasswordResetRequestedSchema,
  },
  resetPassword: {
    method: "post",
    path: "/v1/password-resets/confirm",
    status: 200,
    body: ResetPasswordInput,
    response: SessionSchema,
  },
  listWorkspaces: { method: "get", path: "/v1/workspaces", status: 200, response: WorkspaceListSchema },
  createWorkspace: {
    method: "post",
    path: "/v1/workspaces",
    status: 201,
    body: CreateWorkspaceInput,
    response: WorkspaceMembershipSchema,
  },
  listMembers: { method: "get", path: "/v1/members", status: 200, response: MemberListSchema },
  updateMember: {
    method: "put",
    path: "/v1/members/:userId",
    status: 200,
    body: UpdateMemberInput,
    response: MemberSchema,
  },
  removeMember: { method: "delete", path: "/v1/members/:userId", status: 200, response: MemberRemovedSchema },
  listInvitations: { method: "get", path: "/v1/invitations", status: 200, response: InvitationListSchema },
  createInvitation: {
    method: "post",
    path: "/v1/invitations",
    status: 201,
    body: InvitationInput,
    response: InvitationSchema,
  },
  revokeInvitation: {
    method: "delete",
    path: "/v1/invitations/:id",
    status: 200,
    response: InvitationRevokedSchema,
  },
  getInvitation: { method: "get", path: "/v1/invitations/:token", status: 200, response: InvitationPreviewSchema },
  acceptInvitation: {
    method: "post",
    path: "/v1/invitations/:token/accept",
    status: 200,
    body: AcceptInvitationInput,
    response: SessionSchema,
  },
  // API keys (issue 13): named, scoped, shown once
  createKey: { method: "post", path: "/v1/keys", status: 201, body: CreateKeyInput, response: CreatedKeySchema },
  listKeys: { method: "get", path: "/v1/keys", status: 200, response: KeyListSchema },
  revokeKey: { method: "delete", path: "/v1/keys/:id", status: 200, response: ApiKeySchema },
  rotateKey: {
    method: "post",
    path: "/v1/keys/:id/rotate",
    status: 201,
    body: RotateKeyInput,
    response: RotatedKeySchema,
  },

  // The audit log (issue 13)
  listAudit: { method: "get", path: "/v1/audit", status: 200, query: AuditQuery, response: AuditPageSchema },
  getAuditSettings: { method: "get", path: "/v1/audit/settings", status: 200, response: AuditSettingsSchema },
  putAuditSettings: {
    method: "put",
    path: "/v1/audit/settings",
    status: 200,
    body: AuditSettingsInput,
    response: AuditSettingsSchema,
  },
} as const satisfies Record<string, Operation>;
