import { useCallback, useEffect, useMemo, useState } from "react";
import { api, type JourneyRecord, type JourneyStats } from "../api/api-client.ts";
import { libraryApi } from "../api/library-api.ts";
import { may } from "../api/session-state.ts";
import { routeHref } from "../route.ts";
import { BLANK_JOURNEY, type JourneyTemplate } from "../templates/journey-templates.ts";
import { JourneyFilters } from "./journeys/JourneyFilters.tsx";
import { JourneyRow } from "./journeys/JourneyRow.tsx";
import { filterJourneys, type JourneyFilter } from "./journeys/journey-filter.ts";
import { TemplateGallery } from "./journeys/TemplateGallery.tsx";
import { WorkspacePageFrame } from "./WorkspaceNav.tsx";

const open = (journey: JourneyRecord) => {
  location.hash = routeHref({ page: "journey", journeyId: journey.id });
};

/** The journeys screen (`#/journeys`): search and filter, file under tags and owners, duplicate, create blank or from a template. */
export function JourneyListPage() {
  const [journeys, setJourneys] = useState<JourneyRecord[] | null>(null);
  const [stats, setStats] = useState<Record<string, JourneyStats>>({});
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [filter, setFilter] = useState<JourneyFilter>({ search: "", status: "all", tag: "", owner: "" });
  const [gallery, setGallery] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    const list = await api.listJourneys();
    setJourneys(list);
    setNow(Date.now());
    if (list.length === 0) setGallery(true);
    const figures = await Promise.all(
      list.filter((j) => j.currentVersion !== null).map((j) => api.stats(j.id).catch(() => null)),
    );
    setStats(Object.fromEntries(figures.filter((s) => s !== null).map((s) => [s.journeyId, s])));
  }, []);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  const fail = (e: Error) => setError(e.message);
  const create = async () => {
    const title = name.trim() || "Untitled journey";
    open(await libraryApi.createJourney({ name: title, document: BLANK_JOURNEY(title) }));
  };
  const fromTemplate = async (template: JourneyTemplate) => {
    const document = { ...template.document, name: template.name };
    await libraryApi.createJourney({ name: template.name, document, tags: template.tags }).then(open, fail);
  };
  const shown = useMemo(() => filterJourneys(journeys ?? [], filter), [journeys, filter]);
  const live = (journeys ?? []).filter((j) => j.status === "active").length;

  return (
    <WorkspacePageFrame current="journeys">
      <div className="page-head">
        <div>
          <h1>Journeys</h1>
          <p className="muted">{journeys ? `${journeys.length} journeys, ${live} active` : "Loading…"}</p>
        </div>
        {may("drafts.edit") && (
          <form
            className="create-form"
            onSubmit={(e) => {
              e.preventDefault();
              create().catch(fail);
            }}
          >
            <input
              aria-label="New journey name"
              placeholder="New journey name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="primary">
              Create journey
            </button>
            <button type="button" aria-expanded={gallery} onClick={() => setGallery(!gallery)}>
              {gallery ? "Hide templates" : "Start from a template"}
            </button>
          </form>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {gallery && <TemplateGallery onPick={fromTemplate} />}
      {journeys === null ? null : journeys.length === 0 ? (
        <p className="empty-state">No journeys yet: name one above, or start from a template.</p>
      ) : (
        <>
          <JourneyFilters journeys={journeys} filter={filter} onChange={setFilter} />
          {shown.length === 0 ? (
            <p className="empty-state">No journey matches these filters.</p>
          ) : (
            <table className="journey-table" aria-label="Journeys">
              <thead>
                <tr>
                  <th>Journey</th>
                  <th>Status</th>
                  <th>Owner</th>
                  <th>Last modified</th>
                  <th className="num">Entered</th>
                  <th className="num">Converted</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((j) => (
                  <JourneyRow
                    key={j.id}
                    journey={j}
                    stats={stats[j.id]}
                    now={now}
                    onDuplicate={() => libraryApi.duplicateJourney(j.id).then(load).catch(fail)}
                    onSave={(meta) => libraryApi.updateJourney(j.id, meta).then(load).catch(fail)}
                  />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </WorkspacePageFrame>
  );
}
