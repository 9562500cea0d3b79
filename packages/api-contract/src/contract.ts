import { audienceContract } from "./audience-contract.ts";
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
import { SlotInput, SlotListSchema, SlotSchema, UsageSchema } from "./library.ts";
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
import { SimulationInput, SimulationSchema } from "./simulations.ts";
import { teamContract } from "./team-contract.ts";
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

  ...teamContract,
  ...audienceContract,
} as const satisfies Record<string, Operation>;

/** The operation ids of {@link contract}. */
export type OperationId = keyof typeof contract;
