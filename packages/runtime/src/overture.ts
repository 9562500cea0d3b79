import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { channelOutboxNames } from "@overture/core";
import type { WorkspaceKeys } from "./api.ts";
import { type Clock, systemClock } from "./clock/clock.ts";
import { Engine, type EngineOptions } from "./engine/engine.ts";
import type { ChannelHandler } from "./outbox/channel.ts";
import { Dispatcher, type DispatcherOptions } from "./outbox/dispatcher.ts";
import { logChannel } from "./outbox/log-channel.ts";
import { createReportService, type ReportService, type ReportServiceOptions } from "./reports/report-service.ts";
import type { CustomerService, EventService, JourneyService, WorkspaceService } from "./runtime-types.ts";
import { createCustomerService } from "./services/customer-service.ts";
import { createEventService } from "./services/event-service.ts";
import { createJourneyService } from "./services/journey-service.ts";
import { createKeyService, type KeyService } from "./services/key-service.ts";
import { type KeyVault, sealedKeyVault } from "./services/sealed-keys.ts";
import { createWorkspaceService, DEFAULT_WORKSPACE_ID } from "./services/workspace-service.ts";
import { SqliteStore } from "./store/sqlite/sqlite-store.ts";
import type { Store } from "./store/store.ts";

export type OvertureOptions = {
  /** Folder of the embedded SQLite file (default ./data); ignored when databaseUrl is given. */
  dataDir?: string;
  /** SQLite only: "full" (default) survives power loss; "normal" survives a crash of the process only. */
  durability?: "full" | "normal";
  /** A postgres:// URL: use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /**
   * PostgreSQL: `OVERTURE_SECRET`, which seals the default workspace's keys in the database so that every start finds
   * the same ones. (SQLite keeps them in keys.json in the data folder.)
   */
  secret?: string;
  /** PostgreSQL: `OVERTURE_SECRET_PREVIOUS`, the secrets `secret` replaced; keys sealed with them are sealed again with it. */
  previousSecrets?: readonly string[];
  clock?: Clock;
  /**
   * The clock for the dates people read: when a journey was created, edited or published. The system clock unless
   * given; unlike `clock`, the demo's "advance 1 day" never moves it, so version dates stay true (issue 15, defect 9).
   */
  wallClock?: Clock;
  /** Channel handlers; every channel without one gets the log channel. */
  channels?: ChannelHandler[];
  engine?: EngineOptions;
  dispatcher?: DispatcherOptions;
  /** Where log-channel lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Told how many new events each ingestion stored (metrics); the engine and dispatcher have `onError` hooks of their own. */
  onIngested?: (accepted: number) => void;
  /** What the reports take from other owners: segment sizes, content titles (issue 14). */
  reports?: ReportServiceOptions;
};

/** An open Overture runtime: the services the server and CLI call, and the workers. */
export type Overture = {
  store: Store;
  clock: Clock;
  workspaces: WorkspaceService;
  /** Named, scoped API keys (issue 13): create, list, revoke, rotate. */
  keys: KeyService;
  journeys: JourneyService;
  customers: CustomerService;
  events: EventService;
  /** Journey reports and the workspace overview, from the counters the engine and dispatcher keep (issue 14). */
  reports: ReportService;
  engine: Engine;
  dispatcher: Dispatcher;
  close(): Promise<void>;
};

/** Opens the store named by the options. */
export async function openStore(
  options: Pick<OvertureOptions, "dataDir" | "databaseUrl" | "durability">,
): Promise<Store> {
  if (options.databaseUrl) {
    const { PostgresStore } = await import("./store/postgres/postgres-store.ts");
    return new PostgresStore(options.databaseUrl);
  }
  return new SqliteStore(join(options.dataDir ?? "data", "overture.db"), { durability: options.durability });
}

/** Opens (and migrates) the store and wires the services around it. */
export async function openOverture(options: OvertureOptions = {}): Promise<Overture> {
  const store = await openStore(options);
  await store.migrate();
  const clock = options.clock ?? systemClock;
  const engine = new Engine(store, clock, options.engine);
  const handlers = new Map<string, ChannelHandler>();
  // Every registered channel has a handler from the start (one that logs), replaced by the real one when wired.
  for (const channel of channelOutboxNames()) handlers.set(channel, logChannel(channel, options.log));
  for (const h of options.channels ?? []) handlers.set(h.channel, h);
  const dispatcher = new Dispatcher(store, clock, [...handlers.values()], options.dispatcher);
  const keyPath = !options.databaseUrl && options.dataDir ? join(options.dataDir, "keys.json") : null;
  const keyVault: KeyVault | undefined = keyPath
    ? {
        read: (): WorkspaceKeys | null =>
          existsSync(keyPath) ? (JSON.parse(readFileSync(keyPath, "utf8")) as WorkspaceKeys) : null,
        write: (keys: WorkspaceKeys) => writeFileSync(keyPath, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 }),
      }
    : options.databaseUrl && options.secret
      ? sealedKeyVault(store, {
          secret: options.secret,
          previousSecrets: options.previousSecrets,
          workspaceId: DEFAULT_WORKSPACE_ID,
          now: () => clock.now(),
        })
      : undefined;
  const keys = createKeyService(store, clock);
  const journeys = createJourneyService(store, options.wallClock ?? systemClock, engine, clock);
  return {
    store,
    clock,
    workspaces: createWorkspaceService(store, clock, keyVault, keys),
    keys,
    journeys,
    customers: createCustomerService(store, clock),
    events: observeIngest(createEventService(store, clock), options.onIngested),
    reports: createReportService(store, clock, journeys, options.reports),
    engine,
    dispatcher,
    async close() {
      await engine.stop();
      await dispatcher.stop();
      await store.close();
    },
  };
}

/** The event service, telling `onIngested` how many events each call stored. */
function observeIngest(events: EventService, onIngested?: (accepted: number) => void): EventService {
  if (!onIngested) return events;
  return {
    ...events,
    async ingest(workspaceId, incoming) {
      const result = await events.ingest(workspaceId, incoming);
      if (result.accepted > 0) onIngested(result.accepted);
      return result;
    },
  };
}
