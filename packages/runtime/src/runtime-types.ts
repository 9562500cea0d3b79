import type { Instance, JourneyProblem } from "@overture/core";
import type {
  CustomerHistory,
  CustomerRecord,
  DefaultWorkspaceKeys,
  IncomingEvent,
  IngestResult,
  JourneyRecord,
  JourneyStats,
  KeyGrant,
  VersionRecord,
  WorkspaceKeys,
} from "./api.ts";
import type { JourneyMeta } from "./services/journey-meta.ts";
import type { DeliveryState, StepDeliveries } from "./store/delivery-outcomes.ts";
import type { StepDelivery } from "./store/delivery-outcomes-sql.ts";

/** Workspaces and their API keys. */
export type WorkspaceService = {
  create(name: string): Promise<WorkspaceKeys>;
  /** The "default" workspace, created with fresh keys on first use; the same keys on every later call and start. */
  ensureDefault(): Promise<DefaultWorkspaceKeys>;
  /** Which workspace a key belongs to and what it may do; null for an unknown, revoked or expired key. */
  authenticate(key: string): Promise<KeyGrant | null>;
};

/** Journeys: drafts, publishing, lifecycle and the figures shown on the canvas. Throws InputError("not_found") for unknown ids. */
export type JourneyService = {
  create(
    workspaceId: string,
    input: { name: string; document?: unknown; tags?: string[]; owner?: string },
  ): Promise<JourneyRecord>;
  updateDraft(workspaceId: string, journeyId: string, document: unknown): Promise<JourneyRecord>;
  /** Renames, re-tags or re-owns a journey (archived ones too: filing is not editing); the name goes into the draft. */
  updateMeta(workspaceId: string, journeyId: string, meta: JourneyMeta): Promise<JourneyRecord>;
  /** A draft copy named "X (copy)" with the same draft, tags and owner. */
  duplicate(workspaceId: string, journeyId: string): Promise<JourneyRecord>;
  get(workspaceId: string, journeyId: string): Promise<JourneyRecord>;
  list(workspaceId: string): Promise<JourneyRecord[]>;
  validateDraft(workspaceId: string, journeyId: string): Promise<{ valid: boolean; problems: JourneyProblem[] }>;
  /** Makes the draft an immutable new version; throws InputError("journey_invalid", …, problems) when it has problems. */
  publish(workspaceId: string, journeyId: string): Promise<VersionRecord>;
  pause(workspaceId: string, journeyId: string): Promise<JourneyRecord>;
  resume(workspaceId: string, journeyId: string): Promise<JourneyRecord>;
  archive(workspaceId: string, journeyId: string): Promise<JourneyRecord>;
  versions(workspaceId: string, journeyId: string): Promise<VersionRecord[]>;
  version(workspaceId: string, journeyId: string, version: number): Promise<VersionRecord>;
  stats(workspaceId: string, journeyId: string, version?: number): Promise<JourneyStats>;
  customersAtStep(
    workspaceId: string,
    journeyId: string,
    stepId: string,
    options?: { limit?: number; after?: string },
  ): Promise<Instance[]>;
  /** What became of each channel step's deliveries (sent, deferred, retrying, skipped and dead by reason). */
  deliveries(
    workspaceId: string,
    journeyId: string,
    version?: number,
  ): Promise<{ journeyId: string; version: number | null; steps: StepDeliveries[] }>;
  /** One step's deliveries, newest first (default 50, at most 500), optionally of one outcome. */
  deliveriesAtStep(
    workspaceId: string,
    journeyId: string,
    stepId: string,
    options?: { version?: number; outcome?: DeliveryState; before?: number; limit?: number },
  ): Promise<StepDelivery[]>;
  /** Enters one customer through the journey's API trigger. */
  start(
    workspaceId: string,
    journeyId: string,
    customerId: string,
    properties?: Record<string, unknown>,
  ): Promise<Instance>;
};

export type CustomerService = {
  upsert(workspaceId: string, input: { id: string; attributes: Record<string, unknown> }): Promise<CustomerRecord>;
  get(workspaceId: string, customerId: string): Promise<CustomerRecord | null>;
  history(workspaceId: string, customerId: string): Promise<CustomerHistory>;
};

export type EventService = {
  /** Stores events durably (idempotent by id) before returning; matching happens in the engine. */
  ingest(workspaceId: string, events: IncomingEvent[]): Promise<IngestResult>;
};

/** The worker: matches events, fires due timers, runs the interpreter, writes results. */
export type EngineService = {
  /** One pass over every partition; returns what it did. */
  runOnce(): Promise<{ events: number; timers: number; steps: number }>;
  /** Runs passes until nothing is due at the current clock time. */
  runUntilIdle(): Promise<{ events: number; timers: number; steps: number }>;
  start(options?: { intervalMs?: number }): void;
  stop(): Promise<void>;
};
