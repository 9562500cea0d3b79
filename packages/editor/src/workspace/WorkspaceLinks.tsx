import "./workspace.css";
import { routeHref } from "../route.ts";

const LINKS = [
  ["list", "Journeys", routeHref({ page: "list" })],
  ["templates", "Templates", routeHref({ page: "templates" })],
  ["deliveries", "Deliveries", routeHref({ page: "deliveries" })],
  ["settings", "Settings", routeHref({ page: "settings" })],
] as const;

/**
 * The workspace's top bar: the brand and a link per screen, the current one marked. A stand-in until the shared
 * WorkspaceNav lands; each page uses it on one line so it is easy to swap.
 */
export function WorkspaceLinks({ current }: { current: (typeof LINKS)[number][0] }) {
  return (
    <header className="topbar">
      <a className="brand" href={routeHref({ page: "list" })}>
        Overture
      </a>
      <nav className="workspace-links" aria-label="Workspace">
        {LINKS.map(([page, label, href]) => (
          <a key={page} href={href} aria-current={page === current ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </header>
  );
}
