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
import { CatalogSchema } from "./catalog.ts";
import { CustomerHistorySchema, CustomerInput, CustomerSchema } from "./customers.ts";
import {
  JourneyDeliveriesQuery,
  JourneyDeliveriesSchema,
  StepDeliveriesQuery,
  StepDeliveryPageSchema,
} from "./deliveries.ts";
import {
  SenderDeletedSchema,
  SenderInput,
  SenderListSchema,
  SenderSchema,
  TemplateDeletedSchema,
  TemplateInput,
  TemplateListSchema,
  TemplateSchema,
} from "./email.ts";
import { EventBatchInput, EventInput, IngestResultSchema } from "./events.ts";
import {
  IdentitySecretsSchema,
  IdentitySettingsInput,
  IdentitySettingsSchema,
  RotateIdentitySecretInput,
} from "./identity.ts";
import {
  CreateJourneyInput,
  DraftInput,
  InstancePageSchema,
  InstanceSchema,
  JourneyListSchema,
  JourneyMetaInput,
  JourneySchema,
  StartInput,
  StatsQuery,
  StatsSchema,
  StepCustomersQuery,
  ValidateInput,
  ValidationSchema,
  VersionListSchema,
  VersionSchema,
} from "./journeys.ts";
import {
  ApiKeySchema,
  CreatedKeySchema,
  CreateKeyInput,
  KeyListSchema,
  RotatedKeySchema,
  RotateKeyInput,
} from "./keys.ts";
import { SlotInput, SlotListSchema, SlotSchema, UsageSchema } from "./library.ts";
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
import {
  CircuitListSchema,
  DeliveryPolicySchema,
  OutboxDetailSchema,
  OutboxEntrySchema,
  OutboxListSchema,
  OutboxQuery,
  RedriveResultSchema,
  RedriveSchema,
} from "./outbox.ts";
import {
  CustomerTokenQuery,
  CustomerTokenSchema,
  NotificationInboxSchema,
  NotificationSchema,
  NotificationsQuery,
  SlotDecisionsQuery,
  SlotDecisionsSchema,
  StreamTicketSchema,
} from "./portal.ts";
import { CustomerErasureSchema, CustomerExportSchema, RetentionInput, RetentionSchema } from "./privacy.ts";
import { SimulationInput, SimulationSchema } from "./simulations.ts";
import { SsoConfigSchema } from "./sso.ts";
import {
  EndpointDeletedSchema,
  EndpointInput,
  EndpointListSchema,
  EndpointSchema,
  SigningSecretSchema,
} from "./webhooks.ts";

const lifecycle = (action: "pause" | "resume" | "archive") =>
  ({ method: "post", path: `/v1/journeys/:id/${action}`, status: 200, response: JourneySchema }) as const;

/**
 * Every operation whose shapes are shared, by `operationId`. The server's routes validate and document with these
 * schemas, the editor's client calls through them and the SDK's types come from them, so neither side can drift.
 */
export const contract = {
  // Journeys
  createJourney: {
    method: "post",
    path: "/v1/journeys",
    status: 201,
    body: CreateJourneyInput,
    response: JourneySchema,
  },
  listJourneys: { method: "get", path: "/v1/journeys", status: 200, response: JourneyListSchema },
  getJourney: { method: "get", path: "/v1/journeys/:id", status: 200, response: JourneySchema },
  updateJourney: {
    method: "put",
    path: "/v1/journeys/:id",
    status: 200,
    body: JourneyMetaInput,
    response: JourneySchema,
  },
  duplicateJourney: { method: "post", path: "/v1/journeys/:id/duplicate", status: 201, response: JourneySchema },
  updateDraft: {
    method: "put",
    path: "/v1/journeys/:id/draft",
    status: 200,
    body: DraftInput,
    response: JourneySchema,
  },
  validateDraft: {
    method: "post",
    path: "/v1/journeys/:id/validate",
    status: 200,
    body: ValidateInput,
    response: ValidationSchema,
  },
  publishJourney: { method: "post", path: "/v1/journeys/:id/publish", status: 201, response: VersionSchema },
  pauseJourney: lifecycle("pause"),
  resumeJourney: lifecycle("resume"),
  archiveJourney: lifecycle("archive"),
  listVersions: { method: "get", path: "/v1/journeys/:id/versions", status: 200, response: VersionListSchema },
  getVersion: { method: "get", path: "/v1/journeys/:id/versions/:version", status: 200, response: VersionSchema },
  journeyStats: {
    method: "get",
    path: "/v1/journeys/:id/stats",
    status: 200,
    query: StatsQuery,
    response: StatsSchema,
  },
  customersAtStep: {
    method: "get",
    path: "/v1/journeys/:id/steps/:stepId/customers",
    status: 200,
    query: StepCustomersQuery,
    response: InstancePageSchema,
  },
  startJourney: {
    method: "post",
    path: "/v1/journeys/:id/start",
    status: 201,
    body: StartInput,
    response: InstanceSchema,
  },
  journeyDeliveries: {
    method: "get",
    path: "/v1/journeys/:id/deliveries",
    status: 200,
    query: JourneyDeliveriesQuery,
    response: JourneyDeliveriesSchema,
  },
  stepDeliveries: {
    method: "get",
    path: "/v1/journeys/:id/steps/:stepId/deliveries",
    status: 200,
    query: StepDeliveriesQuery,
    response: StepDeliveryPageSchema,
  },

  // Customers and events
  upsertCustomer: {
    method: "put",
    path: "/v1/customers/:id",
    status: 200,
    body: CustomerInput,
    response: CustomerSchema,
  },
  getCustomer: { method: "get", path: "/v1/customers/:id", status: 200, response: CustomerHistorySchema },
  // Customers' data rights (issue 13)
  eraseCustomer: { method: "delete", path: "/v1/customers/:id", status: 200, response: CustomerErasureSchema },
  exportCustomer: { method: "get", path: "/v1/customers/:id/export", status: 200, response: CustomerExportSchema },
  getRetention: { method: "get", path: "/v1/retention", status: 200, response: RetentionSchema },
  putRetention: { method: "put", path: "/v1/retention", status: 200, body: RetentionInput, response: RetentionSchema },
  ingestEvent: { method: "post", path: "/v1/events", status: 200, body: EventInput, response: IngestResultSchema },
  ingestEvents: {
    method: "post",
    path: "/v1/events/batch",
    status: 200,
    body: EventBatchInput,
    response: IngestResultSchema,
  },

  // Catalog
  getCatalog: { method: "get", path: "/v1/catalog", status: 200, response: CatalogSchema },

  // Deliveries
  listOutbox: { method: "get", path: "/v1/outbox", status: 200, query: OutboxQuery, response: OutboxListSchema },
  retryOutbox: { method: "post", path: "/v1/outbox/:seq/retry", status: 200, response: OutboxEntrySchema },
  redriveOutbox: {
    method: "post",
    path: "/v1/outbox/redrive",
    status: 200,
    body: RedriveSchema,
    response: RedriveResultSchema,
  },
  listOutboxCircuits: { method: "get", path: "/v1/outbox/circuits", status: 200, response: CircuitListSchema },
  getDeliveryPolicy: { method: "get", path: "/v1/delivery-policy", status: 200, response: DeliveryPolicySchema },
  putDeliveryPolicy: {
    method: "put",
    path: "/v1/delivery-policy",
    status: 200,
    body: DeliveryPolicySchema,
    response: DeliveryPolicySchema,
  },
  getOutboxEntry: { method: "get", path: "/v1/outbox/:seq", status: 200, response: OutboxDetailSchema },

  // Draft simulations
  simulateDraft: {
    method: "post",
    path: "/v1/journeys/:id/simulations",
    status: 201,
    body: SimulationInput,
    response: SimulationSchema,
  },
  getSimulation: {
    method: "get",
    path: "/v1/journeys/:id/simulations/:simId",
    status: 200,
    response: SimulationSchema,
  },

  // Slots and where content is used
  putSlot: { method: "put", path: "/v1/slots/:name", status: 200, body: SlotInput, response: SlotSchema },
  listSlots: { method: "get", path: "/v1/slots", status: 200, response: SlotListSchema },
  getSlot: { method: "get", path: "/v1/slots/:name", status: 200, response: SlotSchema },
  contentUsage: { method: "get", path: "/v1/usage", status: 200, response: UsageSchema },

  // Email templates and sender identities
  listEmailTemplates: { method: "get", path: "/v1/email/templates", status: 200, response: TemplateListSchema },
  getEmailTemplate: { method: "get", path: "/v1/email/templates/:id", status: 200, response: TemplateSchema },
  putEmailTemplate: {
    method: "put",
    path: "/v1/email/templates/:id",
    status: 200,
    body: TemplateInput,
    response: TemplateSchema,
  },
  deleteEmailTemplate: {
    method: "delete",
    path: "/v1/email/templates/:id",
    status: 200,
    response: TemplateDeletedSchema,
  },
  listSenderIdentities: { method: "get", path: "/v1/sender-identities", status: 200, response: SenderListSchema },
  putSenderIdentity: {
    method: "put",
    path: "/v1/sender-identities/:id",
    status: 200,
    body: SenderInput,
    response: SenderSchema,
  },
  deleteSenderIdentity: {
    method: "delete",
    path: "/v1/sender-identities/:id",
    status: 200,
    response: SenderDeletedSchema,
  },

  // Webhook endpoints and the signing secret of URL steps
  putWebhookEndpoint: {
    method: "put",
    path: "/v1/webhook-endpoints/:name",
    status: 200,
    body: EndpointInput,
    response: EndpointSchema,
  },
  listWebhookEndpoints: { method: "get", path: "/v1/webhook-endpoints", status: 200, response: EndpointListSchema },
  deleteWebhookEndpoint: {
    method: "delete",
    path: "/v1/webhook-endpoints/:name",
    status: 200,
    response: EndpointDeletedSchema,
  },
  getWebhookSigningSecret: {
    method: "get",
    path: "/v1/webhook-signing-secret",
    status: 200,
    response: SigningSecretSchema,
  },
  rotateWebhookSigningSecret: {
    method: "post",
    path: "/v1/webhook-signing-secret/rotate",
    status: 200,
    response: SigningSecretSchema,
  },

  // Identity: protected attributes and the secrets that sign customer tokens
  getIdentitySettings: {
    method: "get",
    path: "/v1/identity-settings",
    status: 200,
    response: IdentitySettingsSchema,
  },
  putIdentitySettings: {
    method: "put",
    path: "/v1/identity-settings",
    status: 200,
    body: IdentitySettingsInput,
    response: IdentitySettingsSchema,
  },
  listIdentitySecrets: { method: "get", path: "/v1/identity-secrets", status: 200, response: IdentitySecretsSchema },
  rotateIdentitySecret: {
    method: "post",
    path: "/v1/identity-secrets/rotate",
    status: 200,
    body: RotateIdentitySecretInput,
    response: IdentitySecretsSchema,
  },

  // Single sign-on (public; /v1/sso/start and /v1/sso/callback answer redirects, not JSON)
  getSsoConfig: { method: "get", path: "/v1/sso", status: 200, response: SsoConfigSchema },

  // Portal (write key + the customer's id and token headers)
  getCustomerToken: {
    method: "get",
    path: "/v1/portal/token",
    status: 200,
    query: CustomerTokenQuery,
    response: CustomerTokenSchema,
  },
  decideSlots: {
    method: "get",
    path: "/v1/portal/slots",
    status: 200,
    query: SlotDecisionsQuery,
    response: SlotDecisionsSchema,
  },
  listNotifications: {
    method: "get",
    path: "/v1/portal/notifications",
    status: 200,
    query: NotificationsQuery,
    response: NotificationInboxSchema,
  },
  readNotification: {
    method: "post",
    path: "/v1/portal/notifications/:id/read",
    status: 200,
    response: NotificationSchema,
  },
  dismissNotification: {
    method: "post",
    path: "/v1/portal/notifications/:id/dismiss",
    status: 200,
    response: NotificationSchema,
  },
  createStreamTicket: { method: "post", path: "/v1/portal/stream-ticket", status: 200, response: StreamTicketSchema },

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

/** The operation ids of {@link contract}. */
export type OperationId = keyof typeof contract;
