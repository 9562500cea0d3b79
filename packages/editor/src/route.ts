/** Where the editor is: the journeys list, a journey's draft, or one published version opened read-only. */
export type Route = { page: "list" } | { page: "journey"; journeyId: string; version?: number };

/** Reads the route from the location hash: `#/`, `#/journeys/ID`, `#/journeys/ID/versions/N`. */
export function parseRoute(hash: string): Route {
  const match = /^#\/journeys\/([^/]+)(?:\/versions\/(\d+))?$/.exec(hash);
  if (!match?.[1]) return { page: "list" };
  const journeyId = decodeURIComponent(match[1]);
  return match[2] ? { page: "journey", journeyId, version: Number(match[2]) } : { page: "journey", journeyId };
}

/** The hash of a route, for links. */
export function routeHref(route: Route): string {
  if (route.page === "list") return "#/";
  return `#/journeys/${encodeURIComponent(route.journeyId)}${route.version ? `/versions/${route.version}` : ""}`;
}
