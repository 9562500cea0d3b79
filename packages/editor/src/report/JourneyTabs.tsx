import { routeHref } from "../route.ts";

/** The journey's two faces in its top bar: the canvas it is edited on and the report of how it does. */
export function JourneyTabs({ journeyId, current }: { journeyId: string; current: "canvas" | "report" }) {
  return (
    <nav className="segmented journey-tabs" aria-label="Journey views">
      <a href={routeHref({ page: "journey", journeyId })} aria-current={current === "canvas" ? "page" : undefined}>
        Canvas
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
