import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { type SegmentDetail, segmentApi } from "../../api/segment-api.ts";
import { routeHref } from "../../route.ts";
import { CsvImport } from "./CsvImport.tsx";
import { SegmentDelete } from "./SegmentDelete.tsx";
import { SegmentEditor } from "./SegmentEditor.tsx";
import { SegmentMembers } from "./SegmentMembers.tsx";
import { sizeWords } from "./segment-words.ts";
import { useAudienceChoices } from "./use-audience-choices.ts";

// The chart library loads with the first chart (decision 0041), not with the list and the rule builder.
const SizeHistory = lazy(() => import("./SizeHistory.tsx").then((m) => ({ default: m.SizeHistory })));

/** One segment: its definition, size now and over time, its members; or the builder of a new one (`new`). */
export function SegmentPage({ segmentId }: { segmentId: string }) {
  const isNew = segmentId === "new";
  const choices = useAudienceChoices();
  const [segment, setSegment] = useState<SegmentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const load = useCallback(() => {
    if (isNew) return;
    segmentApi
      .get(segmentId)
      .then(setSegment)
      .catch((e: Error) => setError(e.message));
  }, [isNew, segmentId]);
  useEffect(load, [load]);

  const refresh = () => {
    load();
    setRound((r) => r + 1);
  };

  return (
    <main className="list-main segment-main">
      <a className="back-link" href={routeHref({ page: "audiences" })}>
        ← Audiences
      </a>
      {error && <p className="error-text">{error}</p>}
      {isNew ? (
        <>
          <h1>New segment</h1>
          <SegmentEditor
            segment={null}
            journeys={choices.journeys}
            segments={choices.segments}
            names={choices.names}
            loaded={choices.loaded}
            onSaved={(s) => {
              location.hash = routeHref({ page: "audiences", segmentId: s.id });
            }}
          />
        </>
      ) : segment === null ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <>
          <div className="list-head">
            <h1>{segment.name}</h1>
            <div className="head-actions">
              <button type="button" onClick={refresh}>
                Refresh
              </button>
              <SegmentDelete segment={segment} />
            </div>
          </div>
          <p className="segment-size" data-testid="segment-size">
            {sizeWords(segment)}
          </p>
          {segment.usedBy.length > 0 && (
            <p className="muted">
              Used by{" "}
              {segment.usedBy.map((u, i) => (
                <span key={u.journeyId}>
                  {i > 0 && ", "}
                  <a href={routeHref({ page: "journey", journeyId: u.journeyId })}>{u.name}</a> ({u.status})
                </span>
              ))}
            </p>
          )}
          <SegmentEditor
            segment={segment}
            journeys={choices.journeys}
            segments={choices.segments}
            names={choices.names}
            loaded={choices.loaded}
            onSaved={refresh}
          />
          {segment.kind === "static" && <CsvImport segmentId={segment.id} onImported={refresh} />}
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <SizeHistory history={segment.sizeHistory} />
          </Suspense>
          <SegmentMembers key={round} segmentId={segment.id} />
        </>
      )}
    </main>
  );
}
