/** The workspace's screens, in the order the top bar lists them; each has its own address (`#/content`). */
export const WORKSPACE_PAGES = [
  "journeys",
  "audiences",
  "content",
  "templates",
  "deliveries",
  "reports",
  "approvals",
  "settings",
  "members",
  "keys",
  "audit",
] as const;
export type WorkspacePage = (typeof WORKSPACE_PAGES)[number];

/**
 * Where the editor is: a workspace screen (a template or one delivery opened in it), a journey's draft, or one
 * published version opened read-only. `list` is the journeys screen under its older name (links written before the
 * workspace screens).
 */
export type Route =
  | { page: Exclude<WorkspacePage, "templates" | "deliveries" | "approvals" | "audiences"> }
  | { page: "list" }
  | { page: "journey"; journeyId: string; version?: number }
  | { page: "journey-report"; journeyId: string }
  | { page: "templates"; templateId?: string }
  | { page: "deliveries"; seq?: number }
  | { page: "approvals"; requestId?: string }
  /** A segment opened (`segmentId`), or "new" for the rule builder of a segment not saved yet. */
  | { page: "audiences"; segmentId?: string };

/**
 * Reads the route from the location hash: `#/` (the journeys), `#/content`…, `#/templates/ID`, `#/deliveries/SEQ`,
 * `#/approvals/ID`, `#/audiences/ID` (`#/audiences/new`),
 * `#/journeys/ID`, `#/journeys/ID/versions/N`, `#/journeys/ID/report`.
 */
export function parseRoute(hash: string): Route {
  const workspace = parseOpenedItem(hash);
  if (workspace) return workspace;
  const report = /^#\/journeys\/([^/]+)\/report$/.exec(hash)?.[1];
  if (report) return { page: "journey-report", journeyId: decodeURIComponent(report) };
  const match = /^#\/journeys\/([^/]+)(?:\/versions\/(\d+))?$/.exec(hash);
  if (match?.[1]) {
    const journeyId = decodeURIComponent(match[1]);
    return match[2] ? { page: "journey", journeyId, version: Number(match[2]) } : { page: "journey", journeyId };
  }
  const page = /^#\/([a-z]+)\/?$/.exec(hash)?.[1];
  return { page: WORKSPACE_PAGES.find((p) => p === page) ?? "journeys" } as Route;
}

/** The hash of a route, for links. */
export function routeHref(route: Route): string {
  if (route.page === "list") return "#/journeys";
  if (route.page === "templates")
    return route.templateId ? `#/templates/${encodeURIComponent(route.templateId)}` : "#/templates";
  if (route.page === "deliveries") return route.seq ? `#/deliveries/${route.seq}` : "#/deliveries";
  if (route.page === "approvals")
    return route.requestId ? `#/approvals/${encodeURIComponent(route.requestId)}` : "#/approvals";
  if (route.page === "audiences")
    return route.segmentId ? `#/audiences/${encodeURIComponent(route.segmentId)}` : "#/audiences";
  if (route.page === "journey-report") return `#/journeys/${encodeURIComponent(route.journeyId)}/report`;
  if (route.page !== "journey") return `#/${route.page}`;
  return `#/journeys/${encodeURIComponent(route.journeyId)}${route.version ? `/versions/${route.version}` : ""}`;
}

/** A template, one delivery or one review request opened in its screen: `#/templates/ID`, `#/deliveries/SEQ`. */
function parseOpenedItem(hash: string): Route | null {
  const match = /^#\/(templates|deliveries|approvals|audiences)\/([^/]+)$/.exec(hash);
  if (!match?.[2]) return null;
  const rest = decodeURIComponent(match[2]);
  if (match[1] === "templates") return { page: "templates", templateId: rest };
  if (match[1] === "approvals") return { page: "approvals", requestId: rest };
  if (match[1] === "audiences") return { page: "audiences", segmentId: rest };
  return /^\d+$/.test(rest) ? { page: "deliveries", seq: Number(rest) } : { page: "deliveries" };
}
