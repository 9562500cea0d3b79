import type { CustomerEvent, Instance, JourneyDocument, Json, Transition } from "@overture/core";
import type { Problem } from "./errors.ts";

/**
 * The runtime's public surface: what the server and the CLI call. Every call is scoped by a workspace id.
 * Implemented by the services in this package; see overture.ts for how to open one.
 */

/** draft: never published; active: new customers enter; paused: nobody enters and no step runs; archived: ended. */
export type JourneyStatus = "draft" | "active" | "paused" | "archived";

export type JourneyRecord = {
  workspaceId: string;
  id: string;
  name: string;
  status: JourneyStatus;
  /** The working copy the editor saves; may be invalid until published. */
  draft: unknown;
  /** The version new customers enter, or null before the first publish. */
  currentVersion: number | null;
  /** Labels the journeys list files and filters it by (folders of a kind), in the order given. */
  tags: string[];
  /** Who looks after the journey: a name or email typed in the list, "" when nobody is named (no users before issue 13). */
  owner: string;
  createdAt: number;
  updatedAt: number;
};

export type VersionRecord = { journeyId: string; version: number; document: JourneyDocument; publishedAt: number };

export type CustomerRecord = { id: string; attributes: Record<string, Json>; createdAt: number; updatedAt: number };

/** An event as sent to the API. `id` makes resends idempotent; `at` defaults to the time it is received. */
export type IncomingEvent = {
  id?: string;
  name: string;
  customerId: string;
  properties?: Record<string, Json>;
  /** Epoch milliseconds. */
  at?: number;
  /** Profile attributes to merge into the customer before the event is matched (as Segment's identify traits). */
  attributes?: Record<string, Json>;
};

export type IngestResult = {
  accepted: number;
  duplicates: number;
  /** Events refused, by their index in the batch, each with its problems (the field at fault); the others are kept. */
  errors: Array<{ index: number; code: string; message: string; problems?: Problem[] }>;
  /** Events left out on purpose (their customer was erased: docs/decisions/0036), by index in the batch. */
  dropped?: { count: number; code: "customer_erased"; message: string; indexes: number[] };
};

/** Per step of a journey: how many customers wait there now, passed it, left there, and converted after it. */
export type StepCount = {
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
  steps: StepCount[];
};

/** One entry of a customer into a journey, with its path. */
export type InstanceHistory = Instance & { transitions: Transition[] };

export type CustomerHistory = { customer: CustomerRecord; instances: InstanceHistory[]; recentEvents: CustomerEvent[] };

export type WorkspaceKeys = { workspaceId: string; secretKey: string; writeKey: string };

/** The default workspace's keys, and whether this process created them (so they are new to the operator). */
export type DefaultWorkspaceKeys = WorkspaceKeys & { created: boolean };

export type ApiKeyKind = "secret" | "write";

/** What a key may be used for (the API contract's KEY_SCOPES; `manage` grants everything). */
export type ApiKeyScope = "ingest" | "portal" | "read" | "manage";

/** A key found: its workspace, its id and name (for the audit log), and its scopes. */
export type KeyGrant = {
  workspaceId: string;
  kind: ApiKeyKind;
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
};
