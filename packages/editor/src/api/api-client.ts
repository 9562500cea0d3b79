import {
  type BodyOf,
  type CatalogSchema,
  type CustomerHistorySchema,
  contract,
  type DeliveryOutcome,
  type InstanceSchema,
  type JourneySchema,
  type Operation,
  type ProblemSchema,
  type ResponseOf,
  type SimulationSchema,
  type StatsSchema,
  type StepDeliveriesSchema,
  type StepDeliverySchema,
  type StepStatsSchema,
  type VersionSchema,
} from "@overture/api-contract";
import type { JourneyDocument } from "@overture/core";
import type { z } from "zod";
import { checkAnswer, urlOf } from "./check-answer.ts";
import { createKeyStorage } from "./key-storage.ts";
import { sessionHeaders, sessionLost } from "./session-state.ts";

/**
 * The shapes of the wire come from `@overture/api-contract`, the schemas the server validates and documents with:
 * a field the server renames is a type error here, not a blank on screen.
 */
type Out<S extends z.ZodType> = z.output<S>;

/**
 * A journey as the API returns it. The wire says the draft is any JSON (it may be invalid until published); the editor
 * reads it as the document it saved.
 */
export type JourneyRecord = Omit<Out<typeof JourneySchema>, "draft"> & { draft: JourneyDocument };
export type VersionRecord = Out<typeof VersionSchema>;
export type StepStats = Out<typeof StepStatsSchema>;
export type JourneyStats = Out<typeof StatsSchema>;
/** What became of one channel step's deliveries (GET /v1/journeys/:id/deliveries). */
export type DeliveryState = DeliveryOutcome;
export type StepDeliveries = Out<typeof StepDeliveriesSchema>;
/** One delivery of a step (GET /v1/journeys/:id/steps/:stepId/deliveries). */
export type StepDelivery = Out<typeof StepDeliverySchema>;
export type InstanceRecord = Out<typeof InstanceSchema>;
export type CustomerHistory = Out<typeof CustomerHistorySchema>;
/** A draft simulation (POST /v1/journeys/:id/simulations): its progress and, once done, the funnel per step. */
export type Simulation = Out<typeof SimulationSchema>;
/** What the workspace has seen (GET /v1/catalog), for the panels' pickers. */
export type Catalog = Out<typeof CatalogSchema>;
/** An email rendered for a customer (POST /v1/email/preview; previews are not in the contract yet). */
export type EmailPreview = {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  problems: { code: string; message: string; field: string; line: number; column: number }[];
};
/** A portal notification rendered for a customer (POST /v1/notifications/preview). */
export type NotificationPreview = {
  title: string;
  body: string;
  link: string | null;
  customerId: string;
  problems: { field: string; message: string }[];
};
/** What a test call of a webhook did (POST /v1/webhooks/test). */
export type WebhookTest = {
  outcome: "answered" | "failed" | "rendered";
  url: string | null;
  payload: string | null;
  status?: number;
  body?: string;
  durationMs?: number;
  code?: string;
  message?: string;
};
/** A problem in an API answer; a template's also says the field it is in and the line and column there. */
export type ApiProblem = Out<typeof ProblemSchema>;

/** An answer of the API that was not a success, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: ApiProblem[] = [],
  ) {
    super(message);
  }
}

let apiKey: string | null = null;
let stored: ReturnType<typeof createKeyStorage> | undefined;
const storage = () => (stored ??= createKeyStorage(sessionStorage, globalThis.localStorage ?? null));

/** Finds the key: the one a demo server hands to an editor on its own machine, else one pasted earlier in this tab. */
export async function loadApiKey(): Promise<string | null> {
  const config = await fetch("/editor-config")
    .then((r) => (r.ok ? (r.json() as Promise<{ apiKey: string | null }>) : { apiKey: null }))
    .catch(() => ({ apiKey: null }));
  apiKey = config.apiKey ?? storage().read();
  return apiKey;
}

/** Remembers a key the user pasted, for this tab only (production servers do not hand theirs out). */
export function rememberApiKey(key: string): void {
  apiKey = key;
  storage().remember(key);
}

/** True when the editor calls the API with a key (the demo's, or one pasted), false when with a member's session. */
export function usesApiKey(): boolean {
  return apiKey !== null;
}

/**
 * One authenticated JSON call of the API; a refusal becomes an {@link ApiError} with its code and problems. With a key
 * it sends the key; otherwise the browser sends the session cookie (same origin) and the session's headers, and a 401
 * means the session ended.
 */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: {
      ...(apiKey === null ? sessionHeaders(method) : { authorization: `Bearer ${apiKey}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && apiKey === null) sessionLost();
  const json = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; problems?: ApiProblem[] };
  } | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      json?.error?.code ?? "http_error",
      json?.error?.message ?? response.statusText,
      json?.error?.problems,
    );
  return json as T;
}

/** What a call of a contract operation sends: its path parameters, query parameters and body. */
export type RequestOptions<O extends Operation> = {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: BodyOf<O>;
};

/**
 * One call of an operation of the API contract: the URL built from its path, the answer parsed with its response
 * schema. An answer that does not fit is an {@link ApiError} `unexpected_response` naming each field that departs.
 */
export async function request<O extends Operation>(
  operation: O,
  options: RequestOptions<O> = {},
): Promise<ResponseOf<O>> {
  const url = urlOf(operation, options.params, options.query);
  const json = await call<unknown>(operation.method.toUpperCase(), url, options.body);
  const checked = checkAnswer(operation, json);
  if (checked.ok) return checked.data;
  throw new ApiError(
    200,
    "unexpected_response",
    `The server's answer to ${operation.method.toUpperCase()} ${operation.path} is not what this editor expects; reload the page.`,
    checked.problems,
  );
}

const c = contract;
const byId = (id: string) => ({ params: { id } });
/** A journey record with its draft read as a document (drafts are any JSON on the wire). */
export const asJourneyRecord = (journey: ResponseOf<typeof c.getJourney>) => journey as JourneyRecord;

/** The management API calls the editor makes. */
export const api = {
  listJourneys: () => request(c.listJourneys).then((r) => r.journeys.map(asJourneyRecord)),
  createJourney: (name: string, document: unknown) =>
    request(c.createJourney, { body: { name, document: document as Record<string, unknown> } }).then(asJourneyRecord),
  getJourney: (id: string) => request(c.getJourney, byId(id)).then(asJourneyRecord),
  saveDraft: (id: string, document: JourneyDocument) =>
    request(c.updateDraft, { ...byId(id), body: document }).then(asJourneyRecord),
  publish: (id: string) => request(c.publishJourney, byId(id)),
  /** Every problem publishing would refuse in `document` (the one on screen), templates' included. */
  validateDraft: (id: string, document: JourneyDocument) =>
    request(c.validateDraft, { ...byId(id), body: { document } }).then((r) => r.problems),
  lifecycle: (id: string, action: "pause" | "resume" | "archive") =>
    request(c[`${action}Journey`], byId(id)).then(asJourneyRecord),
  versions: (id: string) => request(c.listVersions, byId(id)).then((r) => r.versions),
  version: (id: string, version: number) => request(c.getVersion, { params: { id, version } }),
  stats: (id: string, version?: number) => request(c.journeyStats, { ...byId(id), query: { version } }),
  customersAtStep: (id: string, stepId: string) =>
    request(c.customersAtStep, { params: { id, stepId }, query: { limit: 50 } }).then((r) => r.instances),
  deliveries: (id: string, version?: number) =>
    request(c.journeyDeliveries, { ...byId(id), query: { version } }).then((r) => r.steps),
  stepDeliveries: (id: string, stepId: string, options: { version?: number; outcome?: DeliveryState }) =>
    request(c.stepDeliveries, { params: { id, stepId }, query: { limit: 200, ...options } }).then((r) => r.items),
  retryDelivery: (seq: number) => request(c.retryOutbox, { params: { seq } }),
  previewEmail: (template: { subject: string; preheader?: string; body: string; customerId?: string }) =>
    call<EmailPreview>("POST", "/v1/email/preview", template),
  testSendEmail: (template: { subject: string; preheader?: string; body: string; customerId?: string; to: string }) =>
    call<{ to: string; subject: string; messageId: string }>("POST", "/v1/email/test-send", template),
  customer: (customerId: string) => request(c.getCustomer, byId(customerId)),
  catalog: () => request(c.getCatalog),
  previewNotification: (template: { title: string; body: string; link?: string; customerId?: string }) =>
    call<NotificationPreview>("POST", "/v1/notifications/preview", template),
  testWebhook: (input: {
    endpoint: string;
    payload?: string;
    customerId?: string;
    dryRun?: boolean;
    stepName?: string;
  }) => call<WebhookTest>("POST", "/v1/webhooks/test", input),
  startSimulation: (id: string, options: { customers: number; days: number }) =>
    request(c.simulateDraft, { ...byId(id), body: options }),
  simulation: (id: string, simId: string) => request(c.getSimulation, { params: { id, simId } }),
};
