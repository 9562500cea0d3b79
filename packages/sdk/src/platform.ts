/**
 * The few browser features the SDK uses, typed structurally so the SDK needs no DOM typings and runs wherever they
 * exist (a browser; Node with `fetch` and an EventSource passed in).
 */

/** A server-sent events connection, as `EventSource` offers it. */
export type EventSourceLike = {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
};

/** The `EventSource` constructor (or one that behaves like it). */
export type EventSourceConstructor = new (url: string) => EventSourceLike;

type Listener = (event: unknown) => void;
type EventTargetLike = {
  addEventListener(type: string, listener: Listener): void;
  removeEventListener(type: string, listener: Listener): void;
};
type DocumentLike = EventTargetLike & { visibilityState?: string };
type NavigatorLike = { sendBeacon?: (url: string, data: unknown) => boolean };

/** What the SDK reads from its surroundings; tests and non-browser hosts can pass their own. */
export type Platform = {
  fetch: typeof fetch;
  EventSource?: EventSourceConstructor;
  /** Sends a body that survives the page going away; false when the browser refused it. */
  sendBeacon?: (url: string, body: string) => boolean;
  /** The page's document, for visibility changes; absent outside a browser. */
  document?: DocumentLike;
  /** The window, for `pagehide`; absent outside a browser. */
  window?: EventTargetLike;
  now(): number;
  randomUUID(): string;
};

/** The platform of the current global scope (a browser page, usually). */
export function currentPlatform(): Platform {
  const scope = globalThis as unknown as {
    fetch: typeof fetch;
    EventSource?: EventSourceConstructor;
    navigator?: NavigatorLike;
    document?: DocumentLike;
    window?: EventTargetLike;
    Blob?: new (parts: string[], options: { type: string }) => unknown;
    crypto?: { randomUUID?: () => string };
  };
  const navigator = scope.navigator;
  const Blob = scope.Blob;
  return {
    fetch: (input, init) => scope.fetch(input, init),
    EventSource: scope.EventSource,
    sendBeacon:
      navigator?.sendBeacon && Blob
        ? (url, body) =>
            navigator.sendBeacon?.call(navigator, url, new Blob([body], { type: "application/json" })) ?? false
        : undefined,
    document: scope.document,
    window: scope.window,
    now: () => Date.now(),
    randomUUID: () => scope.crypto?.randomUUID?.() ?? fallbackUuid(),
  };
}

/** A version-4 UUID from Math.random, for old browsers without crypto.randomUUID (ids only need to be unique). */
function fallbackUuid(): string {
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}
