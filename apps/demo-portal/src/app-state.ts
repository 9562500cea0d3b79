import { createOverture, type Notification, type OvertureClient } from "@overture/sdk";
import { type DemoClock, type DemoSession, demoApi } from "./demo-api.ts";

/** The signed-in page: the SDK, who is signed in, the inbox as last seen, and the demo clock. */
export type Portal = {
  sdk: OvertureClient;
  session: DemoSession;
  notifications: Notification[];
  unread: number;
  clock: DemoClock;
  /** The plans bought since signing in. */
  purchased: Set<string>;
  /** When the demo clock was last read, in browser time: the shown time runs on from there. */
  clockReadAt: number;
  /** Called when the inbox or the clock changed, so the shell can redraw its badge and clock. */
  changed: Set<() => void>;
};

const SESSION_KEY = "overture-demo-session";

/**
 * Opens the SDK for a session (the page's own origin serves the API). Customer tokens expire (12 hours of demo time,
 * which the demo clock crosses in one click): the SDK asks for a new one the way a real portal asks its backend, here
 * through /demo/session.
 */
export function openPortal(session: DemoSession, clock: DemoClock): Portal {
  const sdk = createOverture({
    host: "",
    writeKey: session.writeKey,
    onTokenExpired: async (customerId) => {
      const fresh = await demoApi.session(customerId);
      portal.session = fresh;
      saveSession(fresh);
      return fresh.token;
    },
  });
  const portal: Portal = {
    sdk,
    session,
    notifications: [],
    unread: 0,
    clock,
    purchased: new Set(),
    clockReadAt: Date.now(),
    changed: new Set(),
  };
  return portal;
}

/** The demo time now, as the server sees it. */
export function demoNow(portal: Portal): number {
  return portal.clock.now + (Date.now() - portal.clockReadAt);
}

export function notifyChanged(portal: Portal): void {
  for (const listener of portal.changed) listener();
}

export function saveSession(session: DemoSession | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

export function savedSession(): DemoSession | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  try {
    return raw ? (JSON.parse(raw) as DemoSession) : null;
  } catch {
    return null;
  }
}
