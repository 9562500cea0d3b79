/**
 * The stable kind of each audited route (issue 13): what the audit log says happened, by operationId. A route not
 * listed is named by its operationId in snake case (`tag.operation_id`), so a new route is still recorded; give it
 * a line here when its name should read better.
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  createJourney: "journey.created",
  updateJourney: "journey.updated",
  duplicateJourney: "journey.duplicated",
  updateDraft: "journey.draft_saved",
  validateDraft: "journey.validated",
  publishJourney: "journey.published",
  pauseJourney: "journey.paused",
  resumeJourney: "journey.resumed",
  archiveJourney: "journey.archived",
  startJourney: "journey.customer_started",
  simulateDraft: "journey.simulated",
  upsertCustomer: "customer.updated",
  eraseCustomer: "customer.erased",
  exportCustomer: "customer.exported",
  createContent: "content.created",
  importContent: "content.imported",
  putContent: "content.saved",
  deleteContent: "content.deleted",
  putSlot: "slot.saved",
  putEmailTemplate: "template.saved",
  deleteEmailTemplate: "template.deleted",
  previewEmail: "template.previewed",
  testSendEmail: "message.test_sent",
  testSendChannelStep: "message.test_sent",
  previewChannelStep: "message.previewed",
  testWebhook: "message.test_sent",
  putWebhookEndpoint: "endpoint.saved",
  deleteWebhookEndpoint: "endpoint.deleted",
  getWebhookSigningSecret: "secret.read",
  rotateWebhookSigningSecret: "secret.rotated",
  listIdentitySecrets: "secret.read",
  rotateIdentitySecret: "secret.rotated",
  putIdentitySettings: "settings.identity_saved",
  putDeliveryPolicy: "settings.delivery_policy_saved",
  putSenderIdentity: "sender.saved",
  deleteSenderIdentity: "sender.deleted",
  retryOutbox: "delivery.retried",
  redriveOutbox: "delivery.redriven",
  createKey: "key.created",
  revokeKey: "key.revoked",
  rotateKey: "key.rotated",
  putAuditSettings: "settings.audit_saved",
  signIn: "session.signed_in",
  signOut: "session.signed_out",
  signOutEverywhere: "session.signed_out_everywhere",
  ssoCallback: "session.signed_in",
  completeSetup: "workspace.setup_completed",
  createWorkspace: "workspace.created",
  requestPasswordReset: "password.reset_requested",
  resetPassword: "password.reset",
  updateMember: "member.role_changed",
  removeMember: "member.removed",
  createInvitation: "invitation.created",
  revokeInvitation: "invitation.revoked",
  acceptInvitation: "invitation.accepted",
  putApprovalSettings: "settings.approvals_saved",
  requestApproval: "approval.requested",
  approveRequest: "approval.approved",
  rejectRequest: "approval.rejected",
  putRetention: "settings.retention_saved",
  createSegment: "segment.created",
  updateSegment: "segment.updated",
  deleteSegment: "segment.deleted",
  importSegmentMembers: "segment.members_imported",
};

/** The reads worth recording: they hand out what lets someone act as the workspace, or a customer's data. */
export const AUDITED_READS: ReadonlySet<string> = new Set([
  "exportCustomer",
  "getWebhookSigningSecret",
  "listIdentitySecrets",
  "ssoCallback",
]);

/** Object types of the actions whose prefix is not the object (secrets name what they are of). */
const OBJECT_TYPES: Record<string, string> = {
  "session.signed_in": "session",
  "settings.identity_saved": "identity_settings",
  "settings.delivery_policy_saved": "delivery_policy",
  "settings.audit_saved": "audit_settings",
  "settings.approvals_saved": "approval_settings",
  "settings.retention_saved": "retention",
  "secret.read": "secret",
  "secret.rotated": "secret",
  "message.test_sent": "message",
};

/** The action of a route: its line in {@link AUDIT_ACTIONS}, else `api.<operation_id>`. */
export function auditActionOf(operationId: string): string {
  return AUDIT_ACTIONS[operationId] ?? `api.${operationId.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** The type of object an action is about: the action's prefix unless the table above says otherwise. */
export function auditObjectTypeOf(action: string): string {
  return OBJECT_TYPES[action] ?? action.slice(0, action.indexOf(".")) ?? "api";
}
