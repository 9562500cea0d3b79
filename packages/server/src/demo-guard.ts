import { InputError } from "@overture/runtime";
import type { Context, Hono, MiddlewareHandler } from "hono";

/** Where the Host check finds the public address of the server (its host name is allowed besides loopback names). */
export type HostCheckOptions = { publicUrl?: () => string | undefined };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The host name of a Host header, lower case, without its port (IPv6 keeps its brackets). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.replace(/:\d*$/, "");
}

/**
 * True when a request naming this Host may reach the demo-only pages: a loopback name, an IP address, or the host of
 * OVERTURE_PUBLIC_URL. DNS rebinding reaches a server under a name the attacker owns, never under these.
 */
export function isAllowedHost(host: string | undefined, publicUrl?: string): boolean {
  const name = hostName(host ?? "");
  if (name === "") return false;
  if (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    IPV4.test(name) ||
    (name.startsWith("[") && name.endsWith("]"))
  )
    return true;
  if (!publicUrl) return false;
  try {
    return hostName(new URL(publicUrl).host) === name;
  } catch {
    return false;
  }
}

/** True when the request came through a proxy (it says so in a forwarding header), so its loopback address proves nothing. */
export function isProxied(c: Context): boolean {
  return ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"].some((h) => c.req.header(h) !== undefined);
}

/**
 * Refuses (403 `host_not_allowed`) a request whose Host is not one {@link isAllowedHost} accepts: the demo routes,
 * the mailbox and the editor's key hand-out answer this machine's names and addresses only.
 */
export function hostCheck(options: HostCheckOptions = {}): MiddlewareHandler {
  const publicUrl = options.publicUrl ?? (() => process.env.OVERTURE_PUBLIC_URL);
  return async (c, next) => {
    // Node's adapter builds the URL from the Host header; in-memory requests (tests) have only the URL.
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!isAllowedHost(host, publicUrl())) {
      throw new InputError(
        "host_not_allowed",
        `This page answers only on localhost, an IP address or OVERTURE_PUBLIC_URL's host, not '${host ?? ""}'.`,
        [{ path: "headers.host", code: "host_not_allowed", message: host ?? "missing" }],
      );
    }
    await next();
  };
}

/**
 * Refuses what a page on another site can send: a POST without `Content-Type: application/json` (415
 * `json_required`; a cross-site form sends text/plain), or whose Origin or Sec-Fetch-Site names another site
 * (403 `cross_site_request`).
 */
export function sameOriginJsonOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/json")
        throw new InputError("json_required", "This route takes a JSON body: send Content-Type: application/json.", [
          { path: "headers.content-type", code: "json_required", message: type || "missing" },
        ]);
      const origin = c.req.header("origin");
      const crossSite = c.req.header("sec-fetch-site") === "cross-site";
      if (crossSite || (origin !== undefined && !sameHost(origin, c.req.header("host") ?? new URL(c.req.url).host))) {
        throw new InputError("cross_site_request", "This route answers pages of this server only.", [
          { path: "headers.origin", code: "cross_site_request", message: origin ?? "sec-fetch-site: cross-site" },
        ]);
      }
    }
    await next();
  };
}

/** Refuses (403 `cross_site_request`) a write whose Origin or Sec-Fetch-Site names another site; any body type. */
function sameOriginOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "OPTIONS") {
      const origin = c.req.header("origin");
      const crossSite = c.req.header("sec-fetch-site") === "cross-site";
      if (crossSite || (origin !== undefined && !sameHost(origin, c.req.header("host") ?? new URL(c.req.url).host)))
        throw new InputError("cross_site_request", "This page answers forms of this server only.", [
          { path: "headers.origin", code: "cross_site_request", message: origin ?? "sec-fetch-site: cross-site" },
        ]);
    }
    await next();
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host.toLowerCase() === (host ?? "").toLowerCase();
  } catch {
    return false;
  }
}

/** Which parts of the demo-only surface an app serves. */
export type DemoSurface = HostCheckOptions & {
  demo: boolean;
  mailbox: boolean;
  editorKey: boolean;
  /** The paths of the channels' dev sink pages (`/sms`, `/push`): demo-only pages of customers' messages. */
  devSinkPages?: readonly string[];
};

/**
 * Guards the demo-only surface an app serves: the Host check on /demo, /mailbox, the dev sink pages (/sms, /push) and a
 * key-handing /editor-config; same-origin JSON on demo writes; no cross-site form posts to a dev sink page (the SMS
 * inbox's reply form sends STOP as the customer). Without that surface (production) nothing changes.
 */
export function guardDemoSurface(app: Hono, surface: DemoSurface): void {
  const check = hostCheck(surface);
  const paths = [
    ...(surface.demo ? ["/demo/*"] : []),
    ...(surface.mailbox ? ["/mailbox", "/mailbox/*"] : []),
    ...(surface.editorKey ? ["/editor-config"] : []),
  ];
  for (const path of paths) app.use(path, check);
  if (surface.demo) app.use("/demo/*", sameOriginJsonOnly());
  for (const page of surface.devSinkPages ?? []) {
    for (const path of [page, `${page}/*`]) {
      app.use(path, check);
      app.use(path, sameOriginOnly());
    }
  }
}
