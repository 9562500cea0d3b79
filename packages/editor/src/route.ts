/** The workspace's screens, in the order the top bar lists them; each has its own address (`#/content`). */
export const WORKSPACE_PAGES = ["journeys", "content", "templates", "deliveries", "settings"] as const;
export type WorkspacePage = (typeof WORKSPACE_PAGES)[number];

/**
 * Where the editor is: a workspace screen, a journey's draft, or one published version opened read-only.
 * `list` is the journeys screen under its older name (links written before the workspace screens).
 */
export type Route = { page: WorkspacePage } | { page: "list" } | { page: "journey"; journeyId: string; version?: number };

/** Reads the route from the location hash: `#/` (the journeys), `#/content`…, `#/journeys/ID`, `#/journeys/ID/versions/N`. */
export function parseRoute(hash: string): Route {
  const match = /^#\/journeys\/([^/]+)(?:\/versions\/(\d+))?$/.exec(hash);
  if (match?.[1]) {
    const journeyId = decodeURIComponent(match[1]);
    return match[2] ? { page: "journey", journeyId, version: Number(match[2]) } : { page: "journey", journeyId };
  }
  const page = /^#\/([a-z]+)\/?$/.exec(hash)?.[1];
  return { page: WORKSPACE_PAGES.find((p) => p === page) ?? "journeys" };
}

/** The hash of a route, for links. */
export function routeHref(route: Route): string {
  if (route.page === "list") return "#/journeys";
  if (route.page !== "journey") return `#/${route.page}`;
  return `#/journeys/${encodeURIComponent(route.journeyId)}${route.version ? `/versions/${route.version}` : ""}`;
}
