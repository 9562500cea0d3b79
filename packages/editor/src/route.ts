/** Where the editor is: the journeys list, a journey's draft, or one published version opened read-only. */
export type Route =
  | { page: "list" }
  | { page: "journey"; journeyId: string; version?: number }
  | { page: "templates"; templateId?: string }
  | { page: "deliveries"; seq?: number }
  | { page: "settings" };

/** Reads the route from the location hash: `#/`, `#/journeys/ID`, `#/journeys/ID/versions/N`. */
export function parseRoute(hash: string): Route {
  const workspace = parseWorkspaceRoute(hash);
  if (workspace) return workspace;
  const match = /^#\/journeys\/([^/]+)(?:\/versions\/(\d+))?$/.exec(hash);
  if (!match?.[1]) return { page: "list" };
  const journeyId = decodeURIComponent(match[1]);
  return match[2] ? { page: "journey", journeyId, version: Number(match[2]) } : { page: "journey", journeyId };
}

/** The hash of a route, for links. */
export function routeHref(route: Route): string {
  if (route.page === "list") return "#/";
  if (route.page === "templates") return route.templateId ? `#/templates/${encodeURIComponent(route.templateId)}` : "#/templates";
  if (route.page === "deliveries") return route.seq ? `#/deliveries/${route.seq}` : "#/deliveries";
  if (route.page === "settings") return "#/settings";
  return `#/journeys/${encodeURIComponent(route.journeyId)}${route.version ? `/versions/${route.version}` : ""}`;
}

/** The workspace screens: `#/templates`, `#/templates/ID`, `#/deliveries`, `#/deliveries/SEQ`, `#/settings`. */
function parseWorkspaceRoute(hash: string): Route | null {
  const match = /^#\/(templates|deliveries|settings)(?:\/([^/]+))?$/.exec(hash);
  if (!match) return null;
  const rest = match[2] ? decodeURIComponent(match[2]) : undefined;
  if (match[1] === "templates") return rest ? { page: "templates", templateId: rest } : { page: "templates" };
  if (match[1] === "deliveries") return rest && /^\d+$/.test(rest) ? { page: "deliveries", seq: Number(rest) } : { page: "deliveries" };
  return { page: "settings" };
}
