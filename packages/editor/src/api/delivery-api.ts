import {
  type CircuitSchema,
  contract as c,
  type EndpointSchema,
  type OutboxDetailSchema,
  type OutboxListEntrySchema,
  type SenderInput,
  type SenderSchema,
  type TemplateInput,
  type TemplateSchema,
} from "@overture/api-contract";
import type { z } from "zod";
import type { DeliveryPolicy } from "../model/policy-notes.ts";
import { request } from "./api-client.ts";

/** A saved email template (GET /v1/email/templates/:id); `blocks` when it was made with the block editor. */
export type EmailTemplate = z.output<typeof TemplateSchema>;
export type EmailTemplateSummary = Omit<EmailTemplate, "body" | "blocks">;
/** One outbox row (GET /v1/outbox), with its outcome in a marketer's words. */
export type OutboxEntry = z.output<typeof OutboxListEntrySchema>;
/** One finished round of a delivery (GET /v1/outbox/:seq): a retried dead letter has its dead round, then the next. */
export type OutboxRound = z.output<typeof OutboxDetailSchema>["rounds"][number];
export type OutboxCircuit = z.output<typeof CircuitSchema>;
export type WebhookEndpoint = z.output<typeof EndpointSchema>;
/** Who an email says it is from (GET /v1/sender-identities). */
export type SenderIdentity = z.output<typeof SenderSchema>;
export type SenderIdentityInput = z.input<typeof SenderInput>;

/** The calls of the workspace screens: templates, deliveries, settings. */
export const deliveryApi = {
  templates: () => request(c.listEmailTemplates).then((r) => r.templates),
  template: (id: string) => request(c.getEmailTemplate, { params: { id } }),
  saveTemplate: (id: string, input: z.input<typeof TemplateInput>) =>
    request(c.putEmailTemplate, { params: { id }, body: input }),
  deleteTemplate: (id: string) => request(c.deleteEmailTemplate, { params: { id } }),
  outbox: (filter: { status?: string; channel?: string; journeyId?: string }) =>
    request(c.listOutbox, { query: { limit: 500, ...filter } }).then((r) => r.items),
  outboxEntry: (seq: number) => request(c.getOutboxEntry, { params: { seq } }),
  retry: (seq: number) => request(c.retryOutbox, { params: { seq } }),
  circuits: () => request(c.listOutboxCircuits).then((r) => r.items),
  policy: (): Promise<DeliveryPolicy> => request(c.getDeliveryPolicy),
  savePolicy: (policy: DeliveryPolicy): Promise<DeliveryPolicy> => request(c.putDeliveryPolicy, { body: policy }),
  endpoints: () => request(c.listWebhookEndpoints).then((r) => r.endpoints),
  saveEndpoint: (name: string, input: { url: string; timeoutMs?: number }) =>
    request(c.putWebhookEndpoint, { params: { name }, body: input }),
  deleteEndpoint: (name: string) => request(c.deleteWebhookEndpoint, { params: { name } }),
  senders: () => request(c.listSenderIdentities).then((r) => r.senders),
  saveSender: (id: string, input: SenderIdentityInput) => request(c.putSenderIdentity, { params: { id }, body: input }),
  deleteSender: (id: string) => request(c.deleteSenderIdentity, { params: { id } }),
};
