import { routeHref } from "../route.ts";

/** What a link to a journey that is not there (never was, or was deleted) shows: nothing to edit, a way back. */
export function MissingJourney() {
  return (
    <div className="centered missing-journey" role="alert">
      <h1>This journey does not exist (or was deleted)</h1>
      <p className="muted">The link may be mistyped, or the journey was removed from this workspace.</p>
      <a href={routeHref({ page: "list" })}>Back to the journeys list</a>
    </div>
  );
}
