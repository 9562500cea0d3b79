import type { DeliveryPolicy } from "../model/policy-notes.ts";
import { call, type DeliveryState } from "./api-client.ts";

/** A saved email template (GET /v1/email/templates/:id); `blocks` when it was made with the block editor. */
export type EmailTemplate = {
  id: string;
  name: string;
  subject: string;
  preheader: string;
  body: string;
  blocks?: unknown[] | null;
  updatedAt: number;
};
export type EmailTemplateSummary = Omit<EmailTemplate, "body" | "blocks">;

/** One outbox row (GET /v1/outbox). */
export type OutboxEntry = {
  seq: number;
  key: string;
  channel: string;
  customerId: string;
  journeyId: string;
  version: number;
  stepId: string;
  status: "pending" | "sending" | "sent" | "dead" | "skipped";
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  payload: Record<string, unknown>;
  reason: string | null;
  outcome: DeliveryState;
};
/** One finished round of a delivery (GET /v1/outbox/:seq): a retried dead letter has its dead round, then the next. */
export type OutboxRound = { status: "sent" | "dead" | "skipped"; at: number; detail: string | null };
export type OutboxCircuit = {
  channel: string;
  endpoint: string;
  state: "closed" | "open" | "half-open";
  consecutiveFailures: number;
  openedAt: number | null;
  probeAt: number | null;
  lastError: string | null;
};
export type WebhookEndpoint = {
  name: string;
  url: string;
  timeoutMs: number | null;
  headers: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  secret?: string;
};
/** Who an email says it is from (GET /v1/sender-identities). */
export type SenderIdentity = {
  id: string;
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  isDefault: boolean;
  updatedAt: number;
};
export type SenderIdentityInput = {
  fromName: string;
  fromAddress: string;
  replyTo?: string | null;
  isDefault?: boolean;
};

const t = (id: string) => `/v1/email/templates/${encodeURIComponent(id)}`;

/** The calls of the workspace screens: templates, deliveries, settings. */
export const deliveryApi = {
  templates: () => call<{ templates: EmailTemplateSummary[] }>("GET", "/v1/email/templates").then((r) => r.templates),
  template: (id: string) => call<EmailTemplate>("GET", t(id)),
  saveTemplate: (
    id: string,
    input: { name: string; subject: string; preheader?: string; body: string; blocks?: unknown[] | null },
  ) => call<EmailTemplate>("PUT", t(id), input),
  deleteTemplate: (id: string) => call<{ id: string }>("DELETE", t(id)),
  outbox: (filter: { status?: string; channel?: string; journeyId?: string }) => {
    const query = new URLSearchParams({ limit: "500" });
    for (const [k, v] of Object.entries(filter)) if (v) query.set(k, v);
    return call<{ items: OutboxEntry[] }>("GET", `/v1/outbox?${query}`).then((r) => r.items);
  },
  outboxEntry: (seq: number) => call<OutboxEntry & { rounds: OutboxRound[] }>("GET", `/v1/outbox/${seq}`),
  retry: (seq: number) => call<OutboxEntry>("POST", `/v1/outbox/${seq}/retry`),
  circuits: () => call<{ items: OutboxCircuit[] }>("GET", "/v1/outbox/circuits").then((r) => r.items),
  policy: () => call<DeliveryPolicy>("GET", "/v1/delivery-policy"),
  savePolicy: (policy: DeliveryPolicy) => call<DeliveryPolicy>("PUT", "/v1/delivery-policy", policy),
  endpoints: () => call<{ endpoints: WebhookEndpoint[] }>("GET", "/v1/webhook-endpoints").then((r) => r.endpoints),
  saveEndpoint: (name: string, input: { url: string; timeoutMs?: number }) =>
    call<WebhookEndpoint>("PUT", `/v1/webhook-endpoints/${encodeURIComponent(name)}`, input),
  deleteEndpoint: (name: string) =>
    call<{ name: string }>("DELETE", `/v1/webhook-endpoints/${encodeURIComponent(name)}`),
  senders: () => call<{ senders: SenderIdentity[] }>("GET", "/v1/sender-identities").then((r) => r.senders),
  saveSender: (id: string, input: SenderIdentityInput) =>
    call<SenderIdentity>("PUT", `/v1/sender-identities/${encodeURIComponent(id)}`, input),
  deleteSender: (id: string) => call<{ id: string }>("DELETE", `/v1/sender-identities/${encodeURIComponent(id)}`),
};
