import "./journey-tabs.css";
import { routeHref } from "../route.ts";

/**
 * The journey's two faces in its top bar: the editor (canvas or blueprint) and the report of how it does. "Editor", not
 * "Canvas": the canvas already has its own Canvas | Blueprint switch.
 */
export function JourneyTabs({ journeyId, current }: { journeyId: string; current: "editor" | "report" }) {
  return (
    <nav className="journey-tabs" aria-label="Journey views">
      <a href={routeHref({ page: "journey", journeyId })} aria-current={current === "editor" ? "page" : undefined}>
        Editor
      </a>
      <a
        href={routeHref({ page: "journey-report", journeyId })}
        aria-current={current === "report" ? "page" : undefined}
      >
        Report
      </a>
    </nav>
  );
}
