import "./workspace.css";
import type { ReactNode } from "react";
import { AccountMenu } from "../account/AccountMenu.tsx";
import { routeHref, type WorkspacePage } from "../route.ts";

const LABELS: Record<WorkspacePage, string> = {
  journeys: "Journeys",
  audiences: "Audiences",
  content: "Content",
  templates: "Templates",
  deliveries: "Deliveries",
  reports: "Reports",
  approvals: "Approvals",
  settings: "Settings",
  members: "Members",
  keys: "Keys",
  audit: "Audit log",
};

/**
 * The workspace's top bar: the brand and one link per screen, the current one marked (`aria-current`), so every
 * page gets to every other in one click. `children` go to the right end (a page's own actions).
 */
export function WorkspaceNav({ current, children }: { current: WorkspacePage; children?: ReactNode }) {
  return (
    <header className="topbar workspace-bar">
      <a className="brand" href={routeHref({ page: "journeys" })}>
        Overture
      </a>
      <nav className="workspace-nav" aria-label="Workspace">
        {(Object.keys(LABELS) as WorkspacePage[]).map((page) => (
          <a
            key={page}
            href={routeHref({ page })}
            className="workspace-tab"
            aria-current={page === current ? "page" : undefined}
          >
            {LABELS[page]}
          </a>
        ))}
      </nav>
      <span className="spacer" />
      {children}
      <AccountMenu />
    </header>
  );
}

/** A workspace screen: the top bar, then the page's own content in a centred column. */
export function WorkspacePageFrame({
  current,
  children,
  actions,
}: {
  current: WorkspacePage;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="list-page">
      <WorkspaceNav current={current}>{actions}</WorkspaceNav>
      <main className="list-main workspace-main">{children}</main>
    </div>
  );
}
