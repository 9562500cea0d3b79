import type { ContentUse } from "../../api/library-api.ts";
import { routeHref } from "../../route.ts";

/** "Win-back › Show the offer, in slot dashboard.hero · live": where an item or slot is used, each linking to its journey. */
export function UsageList({ uses, what }: { uses: ContentUse[]; what: string }) {
  if (uses.length === 0) return <p className="muted usage-none">No journey or slot uses this {what} yet.</p>;
  return (
    <ul className="usage-list" aria-label={`Where this ${what} is used`}>
      {uses.map((use) =>
        use.type === "slot-default" ? (
          <li key={`slot:${use.slot}`}>
            Shown by default in slot <strong>{use.slot}</strong>
          </li>
        ) : (
          <li key={`${use.journeyId}:${use.stepId}:${use.how}`}>
            <a href={routeHref({ page: "journey", journeyId: use.journeyId })}>{use.journeyName}</a>
            <span className="muted"> › </span>
            {use.stepName}
            {use.how === "links" ? (
              <span className="muted"> (links to it)</span>
            ) : use.slot ? (
              <span className="muted"> (in slot {use.slot})</span>
            ) : null}
            <span className={`status status-${use.live ? "active" : "draft"} usage-where`}>
              {use.live ? (use.inDraft ? "live" : "live only") : "draft"}
            </span>
          </li>
        ),
      )}
    </ul>
  );
}

/** A few words for a table cell: "Win-back, Renewal reminder +1", "Slot dashboard.hero", or "Not used". */
export function usageSummary(uses: ContentUse[]): string {
  if (uses.length === 0) return "Not used";
  const names = [...new Set(uses.map((u) => (u.type === "step" ? u.journeyName : `Slot ${u.slot}`)))];
  return names.length <= 2 ? names.join(", ") : `${names.slice(0, 2).join(", ")} +${names.length - 2}`;
}
