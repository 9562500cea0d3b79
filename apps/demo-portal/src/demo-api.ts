/**
 * The demo-only routes (served when `overture serve` runs in demo mode): the list of demo customers, a session for
 * one of them (what a real portal's backend would do with GET /v1/portal/token), the content library, and the
 * demo clock. Everything else the portal does goes through @overture/sdk.
 */

/** A demo customer the sign-in page offers. */
export type DemoCustomer = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  plan: string;
  /** A mobile number (E.164), when the customer gave one. */
  phone?: string;
  /** What the customer agreed to be contacted by. */
  consent?: { sms: boolean };
};

/** What signing in as a demo customer gives the page. */
export type DemoSession = { customerId: string; token: string; writeKey: string; customer: DemoCustomer };

/** One item of the content library. */
export type LibraryItem = {
  id: string;
  title: string;
  summary: string;
  url: string;
  type: string;
  topics: string[];
  body?: string;
};

/** The demo clock: the server's time (system time plus what the demo advanced). */
export type DemoClock = { now: number; offsetMs: number };

async function demoCall<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(json.error?.message ?? `The server answered ${response.status}.`);
  return json;
}

export const demoApi = {
  customers: () => demoCall<{ customers: DemoCustomer[] }>("GET", "/demo/customers").then((a) => a.customers),
  session: (customerId: string) => demoCall<DemoSession>("POST", "/demo/session", { customerId }),
  library: () => demoCall<{ items: LibraryItem[] }>("GET", "/demo/library").then((a) => a.items),
  clock: () => demoCall<DemoClock>("GET", "/demo/clock"),
  advance: (ms: number) => demoCall<DemoClock>("POST", "/demo/clock/advance", { ms }),
};
