import type { JourneyDocument } from "@overture/core";
import { createKeyStorage } from "./key-storage.ts";

/** A journey as the API returns it. */
export type JourneyRecord = {
  id: string;
  name: string;
  status: "draft" | "active" | "paused" | "archived";
  draft: JourneyDocument;
  currentVersion: number | null;
  /** Labels the journeys list files it under; absent from servers before issue 15. */
  tags?: string[];
  /** Who looks after it (a name or an email); absent from servers before issue 15. */
  owner?: string;
  createdAt: number;
  updatedAt: number;
};
export type VersionRecord = { journeyId: string; version: number; document: JourneyDocument; publishedAt: number };
export type StepStats = {
  stepId: string;
  waiting: number;
  passed: number;
  exited: number;
  converted: number;
  outcomes: Record<string, number>;
};
export type JourneyStats = {
  journeyId: string;
  version: number | null;
  entered: number;
  active: number;
  completed: number;
  exited: number;
  converted: number;
  steps: StepStats[];
};
/** What became of one channel step's deliveries (GET /v1/journeys/:id/deliveries). */
export type DeliveryState = "sent" | "sending" | "queued" | "deferred" | "retrying" | "skipped" | "dead";
export type StepDeliveries = { stepId: string; channel: string; total: number } & Record<DeliveryState, number> & {
    reasons: Record<"deferred" | "retrying" | "skipped" | "dead", Record<string, number>>;
  };
/** One delivery of a step (GET /v1/journeys/:id/steps/:stepId/deliveries). */
export type StepDelivery = {
  seq: number;
  customerId: string;
  channel: string;
  status: "pending" | "sending" | "sent" | "dead" | "skipped";
  outcome: DeliveryState;
  reason: string | null;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
};
export type Transition = { stepId: string; kind: string; outcome: string; reason: string; at: number };
export type InstanceRecord = {
  id: string;
  journeyId: string;
  version: number;
  customerId: string;
  status: string;
  stepId: string | null;
  enteredAt: number;
  updatedAt: number;
};
export type CustomerHistory = {
  customer: { id: string; attributes?: Record<string, unknown> };
  instances: (InstanceRecord & { transitions: Transition[] })[];
};
export type EmailPreview = {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  problems: { code: string; message: string; field: string; line: number; column: number }[];
};
/** A draft simulation (POST /v1/journeys/:id/simulations): its progress and, once done, the funnel per step. */
export type Simulation = {
  id: string;
  state: "running" | "done" | "failed";
  progress: number;
  customers: number;
  days: number;
  virtualDay: number;
  entered: number;
  converted: number;
  funnel: (StepStats & { reached: number })[];
  error?: string;
  /** When nobody entered, why, in plain words. */
  nobodyEntered?: string;
};
/** What the workspace has seen (GET /v1/catalog), for the panels' pickers. */
export type Catalog = {
  events: { name: string; count: number; properties: string[] }[];
  attributes: { name: string; count: number; samples: (string | number | boolean)[] }[];
  topics: string[];
  content: { id: string; title: string; summary: string; type: string; topics: string[]; imageUrl?: string }[];
  slots: { name: string; description: string; defaultContentId: string | null }[];
  webhookEndpoints: { name: string; url: string }[];
  /** Absent from servers older than saved templates. */
  emailTemplates?: { id: string; name: string; subject: string }[];
  sampled: { events: number; customers: number };
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
export type ApiProblem = {
  path: string;
  code: string;
  message: string;
  stepId?: string;
  field?: string;
  line?: number;
  column?: number;
};

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

/** One authenticated JSON call of the API; a refusal becomes an {@link ApiError} with its code and problems. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${apiKey ?? ""}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
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

const j = (id: string) => `/v1/journeys/${encodeURIComponent(id)}`;

/** The management API calls the editor makes. */
export const api = {
  listJourneys: () => call<{ journeys: JourneyRecord[] }>("GET", "/v1/journeys").then((r) => r.journeys),
  createJourney: (name: string, document: unknown) => call<JourneyRecord>("POST", "/v1/journeys", { name, document }),
  getJourney: (id: string) => call<JourneyRecord>("GET", j(id)),
  saveDraft: (id: string, document: JourneyDocument) => call<JourneyRecord>("PUT", `${j(id)}/draft`, document),
  publish: (id: string) => call<VersionRecord>("POST", `${j(id)}/publish`),
  /** Every problem publishing would refuse in `document` (the one on screen), templates' included. */
  validateDraft: (id: string, document: JourneyDocument) =>
    call<{ valid: boolean; problems: ApiProblem[] }>("POST", `${j(id)}/validate`, { document }).then((r) => r.problems),
  lifecycle: (id: string, action: "pause" | "resume" | "archive") => call<JourneyRecord>("POST", `${j(id)}/${action}`),
  versions: (id: string) => call<{ versions: VersionRecord[] }>("GET", `${j(id)}/versions`).then((r) => r.versions),
  version: (id: string, version: number) => call<VersionRecord>("GET", `${j(id)}/versions/${version}`),
  stats: (id: string, version?: number) =>
    call<JourneyStats>("GET", `${j(id)}/stats${version ? `?version=${version}` : ""}`),
  customersAtStep: (id: string, stepId: string) =>
    call<{ instances: InstanceRecord[] }>(
      "GET",
      `${j(id)}/steps/${encodeURIComponent(stepId)}/customers?limit=50`,
    ).then((r) => r.instances),
  deliveries: (id: string, version?: number) =>
    call<{ steps: StepDeliveries[] }>("GET", `${j(id)}/deliveries${version ? `?version=${version}` : ""}`).then(
      (r) => r.steps,
    ),
  stepDeliveries: (id: string, stepId: string, options: { version?: number; outcome?: DeliveryState }) => {
    const query = new URLSearchParams({ limit: "200" });
    if (options.version) query.set("version", String(options.version));
    if (options.outcome) query.set("outcome", options.outcome);
    return call<{ items: StepDelivery[] }>(
      "GET",
      `${j(id)}/steps/${encodeURIComponent(stepId)}/deliveries?${query}`,
    ).then((r) => r.items);
  },
  retryDelivery: (seq: number) =>
    call<{ seq: number; status: StepDelivery["status"] }>("POST", `/v1/outbox/${seq}/retry`),
  previewEmail: (template: { subject: string; preheader?: string; body: string; customerId?: string }) =>
    call<EmailPreview>("POST", "/v1/email/preview", template),
  testSendEmail: (template: { subject: string; preheader?: string; body: string; customerId?: string; to: string }) =>
    call<{ to: string; subject: string; messageId: string }>("POST", "/v1/email/test-send", template),
  customer: (customerId: string) => call<CustomerHistory>("GET", `/v1/customers/${encodeURIComponent(customerId)}`),
  catalog: () => call<Catalog>("GET", "/v1/catalog"),
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
    call<Simulation>("POST", `${j(id)}/simulations`, options),
  simulation: (id: string, simId: string) =>
    call<Simulation>("GET", `${j(id)}/simulations/${encodeURIComponent(simId)}`),
};
