import type { Permission } from "@overture/api-contract";

/**
 * The one table that decides every route's permission (issue 13), by operationId. `public` routes need no one (health,
 * the OpenAPI document, demo-only routes, the stream that authenticates with its own ticket, inbound SMS signed by
 * the provider). `route-permissions.test.ts` fails when a served route has no entry here, and `role-by-route.test.ts`
 * walks every role and scope over every route of the OpenAPI document against this table.
 */
export const ROUTE_PERMISSIONS: Record<string, Permission | "public"> = {
  // Meta and demo-only
  healthLive: "public",
  healthReady: "public",
  health: "public",
  metrics: "public",
  openapi: "public",
  demoCustomers: "public",
  demoSession: "public",
  demoLibrary: "public",
  demoClock: "public",
  demoAdvanceClock: "public",
  streamNotifications: "public",
  receiveSms: "public",
  // Single sign-on: signing in is what these do, so nobody is signed in yet
  getSsoConfig: "public",
  startSso: "public",
  ssoCallback: "public",

  // Journeys
  createJourney: "drafts.edit",
  listJourneys: "workspace.read",
  getJourney: "workspace.read",
  updateJourney: "drafts.edit",
  duplicateJourney: "drafts.edit",
  updateDraft: "drafts.edit",
  validateDraft: "workspace.read",
  publishJourney: "journeys.publish",
  pauseJourney: "journeys.publish",
  resumeJourney: "journeys.publish",
  archiveJourney: "journeys.publish",
  listVersions: "workspace.read",
  getVersion: "workspace.read",
  journeyStats: "workspace.read",
  customersAtStep: "workspace.read",
  startJourney: "journeys.publish",
  journeyDeliveries: "workspace.read",
  stepDeliveries: "workspace.read",
  simulateDraft: "drafts.edit",
  getSimulation: "workspace.read",

  // Audiences and reports (issue 14); an estimate reads only, but it is the rule builder's: editors and up.
  createSegment: "segments.edit",
  listSegments: "workspace.read",
  estimateSegment: "segments.edit",
  getSegment: "workspace.read",
  updateSegment: "segments.edit",
  deleteSegment: "segments.edit",
  listSegmentMembers: "workspace.read",
  importSegmentMembers: "segments.edit",
  getJourneyReport: "workspace.read",
  getReportsOverview: "workspace.read",

  // Approvals (issue 13)
  getApprovalSettings: "workspace.read",
  putApprovalSettings: "settings.manage",
  requestApproval: "approvals.request",
  listApprovalRequests: "workspace.read",
  getApprovalRequest: "workspace.read",
  approveRequest: "approvals.decide",
  rejectRequest: "approvals.decide",

  // Customers and events
  upsertCustomer: "customers.edit",
  getCustomer: "workspace.read",
  eraseCustomer: "customers.erase",
  exportCustomer: "customers.export",
  getRetention: "workspace.read",
  putRetention: "settings.manage",
  ingestEvent: "events.ingest",
  ingestEvents: "events.ingest",
  segmentIdentify: "events.ingest",
  segmentTrack: "events.ingest",
  segmentPage: "events.ingest",
  segmentScreen: "events.ingest",
  segmentBatch: "events.ingest",
  segmentImport: "events.ingest",
  segmentIdentifyPrefixed: "events.ingest",
  segmentTrackPrefixed: "events.ingest",
  segmentPagePrefixed: "events.ingest",
  segmentScreenPrefixed: "events.ingest",
  segmentBatchPrefixed: "events.ingest",
  segmentImportPrefixed: "events.ingest",

  // Content, slots, templates
  createContent: "content.edit",
  listContent: "workspace.read",
  importContent: "content.edit",
  getContent: "workspace.read",
  putContent: "content.edit",
  deleteContent: "content.edit",
  putSlot: "content.edit",
  getSlot: "workspace.read",
  listSlots: "workspace.read",
  contentUsage: "workspace.read",
  listEmailTemplates: "workspace.read",
  getEmailTemplate: "workspace.read",
  putEmailTemplate: "content.edit",
  deleteEmailTemplate: "content.edit",
  getCatalog: "workspace.read",

  // Previews render for a customer and change nothing; test sends send.
  previewEmail: "workspace.read",
  previewNotification: "workspace.read",
  previewChannelStep: "workspace.read",
  testSendEmail: "messages.test",
  testWebhook: "messages.test",
  testSms: "messages.test",
  testSendChannelStep: "messages.test",
  listMailbox: "workspace.read",

  // The customer's portal
  getCustomerToken: "portal.token",
  decideSlots: "portal.customer",
  listNotifications: "portal.customer",
  readNotification: "portal.customer",
  dismissNotification: "portal.customer",
  createStreamTicket: "portal.customer",
  getPushPublicKey: "portal.customer",
  subscribePush: "portal.customer",
  unsubscribePush: "portal.customer",

  // Deliveries
  listOutbox: "workspace.read",
  getOutboxEntry: "workspace.read",
  listOutboxCircuits: "workspace.read",
  retryOutbox: "deliveries.retry",
  redriveOutbox: "deliveries.retry",

  // Settings and secrets
  getDeliveryPolicy: "workspace.read",
  putDeliveryPolicy: "settings.manage",
  getIdentitySettings: "workspace.read",
  putIdentitySettings: "settings.manage",
  listIdentitySecrets: "secrets.read",
  rotateIdentitySecret: "settings.manage",
  putWebhookEndpoint: "settings.manage",
  deleteWebhookEndpoint: "settings.manage",
  listWebhookEndpoints: "workspace.read",
  getWebhookSigningSecret: "secrets.read",
  rotateWebhookSigningSecret: "settings.manage",
  listSenderIdentities: "workspace.read",
  putSenderIdentity: "settings.manage",
  deleteSenderIdentity: "settings.manage",
  getSmsSettings: "workspace.read",
  putSmsSettings: "settings.manage",

  // Members and sign-in: the public ones prove who is asking with a password or an emailed token.
  getSession: "account.self",
  signIn: "public",
  signOut: "account.self",
  signOutEverywhere: "account.self",
  getSetup: "public",
  completeSetup: "public",
  requestPasswordReset: "public",
  resetPassword: "public",
  listWorkspaces: "account.self",
  createWorkspace: "account.self",
  listMembers: "workspace.read",
  updateMember: "members.manage",
  removeMember: "members.manage",
  listInvitations: "members.manage",
  createInvitation: "members.manage",
  revokeInvitation: "members.manage",
  getInvitation: "public",
  acceptInvitation: "public",
  // API keys and the audit log (issue 13)
  createKey: "keys.manage",
  listKeys: "keys.manage",
  revokeKey: "keys.manage",
  rotateKey: "keys.manage",
  listAudit: "audit.read",
  getAuditSettings: "audit.read",
  putAuditSettings: "settings.manage",
};

/**
 * The permission of a route: its entry in the table, else what its channel module declared (a new channel's routes
 * need no line here). Throws for a route with neither: a bug the table's test catches first.
 */
export function permissionOf(route: {
  operationId: string;
  permission?: Permission | "public";
}): Permission | "public" {
  const permission = ROUTE_PERMISSIONS[route.operationId] ?? route.permission;
  if (!permission) throw new Error(`route ${route.operationId} has no entry in ROUTE_PERMISSIONS (server/src/access)`);
  return permission;
}
