import { routeHref } from "../../route.ts";
import type { TemplateUse } from "./template-usage.ts";

/** Where a template is used: each journey and email step that sends it, live or in a draft, with a link to it. */
export function TemplateUses({ uses }: { uses: TemplateUse[] | null }) {
  return (
    <section className="card template-uses" aria-label="Where it is used">
      <div className="panel-subtitle">Where it is used</div>
      {uses === null ? (
        <p className="muted">Looking through the journeys…</p>
      ) : uses.length === 0 ? (
        <p className="muted">No journey sends this template yet. Pick it in an email step's "Saved template".</p>
      ) : (
        <ul className="use-list">
          {uses.map((u) => (
            <li key={`${u.journeyId}/${u.stepId}/${u.where}`}>
              <a href={routeHref({ page: "journey", journeyId: u.journeyId })}>{u.journeyName}</a>
              <span className="muted"> · {u.stepName}</span>
              <span className={`use-tag use-${u.where}`}>{u.where === "live" ? `Live, v${u.version}` : "Draft"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
