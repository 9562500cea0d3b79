import { useEffect, useState } from "react";
import { type Segment, segmentApi } from "../../api/segment-api.ts";
import { localTime } from "../../model/customer-words.ts";
import { routeHref } from "../../route.ts";
import { sizeWords } from "./segment-words.ts";

/** The workspace's segments: name, kind, size and build, the journeys that use each, the last change. */
export function SegmentList() {
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    segmentApi
      .list()
      .then(setSegments)
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <main className="list-main">
      <div className="list-head">
        <h1>Audiences</h1>
        <a className="button primary" href={routeHref({ page: "audiences", segmentId: "new" })}>
          New segment
        </a>
      </div>
      <p className="muted page-intro">
        A segment is a group of customers: kept current from a rule, or imported from a list. Journeys can start when a
        customer enters or leaves one, branch on it, or end when a customer leaves it.
      </p>
      {error && <p className="error-text">{error}</p>}
      {segments === null ? (
        !error && <p className="muted">Loading…</p>
      ) : segments.length === 0 ? (
        <p className="empty-state">No segments yet: build the first one with “New segment”.</p>
      ) : (
        <table className="journey-table segment-table">
          <thead>
            <tr>
              <th>Segment</th>
              <th>Kind</th>
              <th>Size</th>
              <th>Used by</th>
              <th>Last changed</th>
            </tr>
          </thead>
          <tbody>
            {segments.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={routeHref({ page: "audiences", segmentId: s.id })} className="journey-link">
                    {s.name}
                  </a>
                  {s.description && <div className="row-sub muted">{s.description}</div>}
                </td>
                <td>{s.kind === "dynamic" ? "Rule" : "Imported list"}</td>
                <td>{sizeWords(s)}</td>
                <td>
                  {s.usedBy.length === 0 ? (
                    <span className="muted">No journey</span>
                  ) : (
                    s.usedBy.map((u, i) => (
                      <span key={u.journeyId}>
                        {i > 0 && ", "}
                        <a href={routeHref({ page: "journey", journeyId: u.journeyId })}>{u.name}</a>
                      </span>
                    ))
                  )}
                </td>
                <td className="muted">{localTime(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
