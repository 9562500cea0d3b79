import { DwellTimer } from "./dwell-timer.ts";
import { OvertureError } from "./errors.ts";
import { EventQueue, type QueuedEvent } from "./event-queue.ts";
import { type AsCustomer, type NotificationsApi, notificationsApi } from "./notifications.ts";
import { currentPlatform, type EventSourceConstructor, type Platform } from "./platform.ts";
import { type PushApi, type PushSubscriptionInput, pushApi } from "./push.ts";
import { type Connection, call, type Identity, urlFor } from "./transport.ts";
import type { IngestResult, SlotDecision } from "./types.ts";

/** Options of {@link createOverture}. */
export type OvertureOptions = {
  /** The Overture server, e.g. "https://overture.example.com" (no trailing /v1); "" for the page's own origin. */
  host: string;
  /** The workspace's write key: public, it only sends events and reads what the signed-in customer may see. */
  writeKey: string;
  /** Another fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Another EventSource (default: the global one), e.g. outside a browser. */
  EventSource?: EventSourceConstructor;
  /** Most events per request and how long they wait for each other (ms); defaults 20 and 250. */
  batch?: { size?: number; delayMs?: number };
  /** Replaces parts of the browser the SDK reads (tests). */
  platform?: Partial<Platform>;
  /**
   * Gets a new token for the signed-in customer when the server says theirs expired (tokens live 12 hours by
   * default): ask your backend, which calls GET /v1/portal/token. The call that failed is made once more with it.
   */
  onTokenExpired?: (customerId: string) => Promise<string>;
};

/** A content view being measured; `stop()` sends `content.viewed` with the visible time. */
export type ContentView = { stop(): Promise<void> };

/** The SDK: one per page. */
export type OvertureClient = {
  /**
   * Signs the page in as a customer with the token your backend minted; `traits` are merged into the profile. The
   * token is also the customer's signed identity: events sent while signed in carry it, so traits such as `email`,
   * `phone` or `consent`, which the write key alone may not change, are applied.
   */
  identify(customerId: string, options: { token: string; traits?: Record<string, unknown> }): Promise<void>;
  /** Forgets the customer (sign out); open notification streams are closed. */
  reset(): void;
  /** The signed-in customer's id, or null. */
  readonly customerId: string | null;
  /** Sends an event for the signed-in customer; resolves once the server has stored it. */
  track(name: string, properties?: Record<string, unknown>): Promise<void>;
  /** Sends `page.viewed` with the page's name. */
  page(name?: string, properties?: Record<string, unknown>): Promise<void>;
  /** Starts measuring how long a content item is on screen (only while the page is visible). */
  startContentView(contentId: string, options?: { topics?: string[] }): ContentView;
  /** What each named slot shows the signed-in customer now, keyed by slot name. */
  slots(names: string[]): Promise<Record<string, SlotDecision>>;
  /** The signed-in customer's inbox. */
  notifications: NotificationsApi;
  /** Web push: the workspace's public key, and this browser's subscription for the signed-in customer. */
  push: PushApi;
  /** Keeps the browser's push subscription for the signed-in customer (same as `push.subscribe`). */
  subscribePush(subscription: PushSubscriptionInput): Promise<void>;
  /** Forgets a push subscription of the signed-in customer (same as `push.unsubscribe`). */
  unsubscribePush(subscription: PushSubscriptionInput | string): Promise<void>;
  /** Sends every queued event now. */
  flush(): Promise<void>;
};

/**
 * Creates the SDK for one page: `identify` with the customer's token, then track events, measure content views,
 * read slot decisions and follow the inbox. Events carry ids made here, so retries never double-count, and leave in
 * small batches; when the page is hidden, what is queued leaves with `navigator.sendBeacon`.
 */
export function createOverture(options: OvertureOptions): OvertureClient {
  const platform: Platform = { ...currentPlatform(), ...options.platform };
  if (options.fetch) platform.fetch = options.fetch;
  if (options.EventSource) platform.EventSource = options.EventSource;
  const connection: Connection = { host: options.host, writeKey: options.writeKey, fetch: platform.fetch };
  let identity: Identity | null = null;
  const views = new Set<DwellTimer>();
  const viewStops = new Map<DwellTimer, () => Promise<void>>();

  const queue = new EventQueue({
    maxBatch: options.batch?.size,
    delayMs: options.batch?.delayMs,
    send: async (events) => {
      // Signed in, the batch carries the customer's headers: the signed identity that lets their protected traits through.
      const answer = await call<Partial<IngestResult>>(connection, "POST", "/v1/events/batch", {
        body: { events },
        identity: identity ?? undefined,
      });
      const results: Array<OvertureError | null> = events.map(() => null);
      for (const e of answer.errors ?? []) results[e.index] = new OvertureError(e.code, e.message, 400);
      return results;
    },
    // sendBeacon cannot set headers, so it uses the Segment-compatible batch route, which takes the write key in the body.
    beacon: platform.sendBeacon
      ? (events) =>
          platform.sendBeacon?.(urlFor(options.host, "/v1/batch"), beaconBody(options.writeKey, events)) ?? false
      : undefined,
  });

  const signedIn = (what: string): Identity => {
    if (!identity) throw new OvertureError("not_identified", `Call identify(customerId, { token }) before ${what}.`);
    return identity;
  };
  const enqueue = (
    name: string,
    properties?: Record<string, unknown>,
    attributes?: Record<string, unknown>,
  ): Promise<void> => {
    const { customerId } = signedIn(`sending "${name}"`);
    const event: QueuedEvent = { id: platform.randomUUID(), name, customerId, timestamp: platform.now() };
    if (properties) event.properties = properties;
    if (attributes) event.attributes = attributes;
    return queue.push(event);
  };
  const isVisible = () => platform.document?.visibilityState !== "hidden";

  platform.document?.addEventListener("visibilitychange", () => {
    for (const view of views) view.setVisible(isVisible());
    if (!isVisible()) queue.flushWithBeacon();
  });
  platform.window?.addEventListener("pagehide", () => {
    for (const stop of [...viewStops.values()]) void stop().catch(() => {});
    queue.flushWithBeacon();
  });

  const asCustomer = (what: string): AsCustomer =>
    async function run<T>(work: (who: Identity) => Promise<T>): Promise<T> {
      const who = signedIn(what);
      try {
        return await work(who);
      } catch (error) {
        const expired =
          error instanceof OvertureError &&
          (error.code === "customer_token_expired" || error.code === "customer_token_outdated");
        if (!expired || !options.onTokenExpired) throw error;
        const token = await options.onTokenExpired(who.customerId);
        // Another identify may have happened meanwhile: only the same customer gets the new token.
        if (identity?.customerId === who.customerId) identity = { customerId: who.customerId, token };
        return work({ customerId: who.customerId, token });
      }
    };
  const notifications = notificationsApi(
    connection,
    asCustomer("reading notifications"),
    () => signedIn("reading notifications"),
    platform,
  );

  const push = pushApi(connection, asCustomer("managing push notifications"));

  return {
    async identify(customerId, { token, traits }) {
      if (!customerId) throw new OvertureError("invalid_input", "identify needs a customer id.");
      if (identity && identity.customerId !== customerId) notifications.closeAll();
      identity = { customerId, token };
      if (traits && Object.keys(traits).length > 0) await enqueue("identify", traits, traits);
    },
    reset() {
      notifications.closeAll();
      identity = null;
    },
    get customerId() {
      return identity?.customerId ?? null;
    },
    track: (name, properties) => enqueue(name, properties),
    page: (name, properties) => enqueue("page.viewed", { ...properties, ...(name === undefined ? {} : { name }) }),
    startContentView(contentId, viewOptions = {}) {
      signedIn("measuring a content view");
      const timer = new DwellTimer(platform.now, isVisible());
      views.add(timer);
      let sent: Promise<void> | null = null;
      const stop = () => {
        sent ??= (() => {
          views.delete(timer);
          viewStops.delete(timer);
          const properties: Record<string, unknown> = { contentId, dwellMs: timer.stop() };
          if (viewOptions.topics) properties.topics = viewOptions.topics;
          return enqueue("content.viewed", properties);
        })();
        return sent;
      };
      viewStops.set(timer, stop);
      return { stop };
    },
    async slots(names) {
      signedIn("reading slots");
      if (names.length === 0) return {};
      const answer = await asCustomer("reading slots")((who) =>
        call<unknown>(connection, "GET", "/v1/portal/slots", { query: { slots: names.join(",") }, identity: who }),
      );
      return slotsByName(answer);
    },
    notifications,
    push,
    subscribePush: (subscription) => push.subscribe(subscription),
    unsubscribePush: (subscription) => push.unsubscribe(subscription),
    flush: () => queue.flush(),
  };
}

/** Accepts `{ slots: { name: decision } }`, `{ slots: [decision] }` or the bare forms, and keys them by slot name. */
function slotsByName(answer: unknown): Record<string, SlotDecision> {
  const inner =
    answer !== null && typeof answer === "object" && "slots" in answer ? (answer as { slots: unknown }).slots : answer;
  if (Array.isArray(inner)) return Object.fromEntries((inner as SlotDecision[]).map((d) => [d.slot, d]));
  if (inner !== null && typeof inner === "object") return inner as Record<string, SlotDecision>;
  throw new OvertureError("bad_response", "The slot answer has no slots.");
}

function beaconBody(writeKey: string, events: QueuedEvent[]): string {
  const batch = events.map((e) => ({
    type: "track",
    messageId: e.id,
    userId: e.customerId,
    event: e.name,
    properties: e.properties ?? {},
    timestamp: new Date(e.timestamp).toISOString(),
  }));
  return JSON.stringify({ writeKey, batch });
}
