import { useEffect, useState } from "react";
import { api, type JourneyRecord, type JourneyStats } from "../api/api-client.ts";
import { routeHref } from "../route.ts";

const EMPTY_JOURNEY = (name: string) => ({
  schemaVersion: 1,
  name,
  steps: [{ id: "start", type: "trigger", name: "Trigger", position: { x: 0, y: 0 }, trigger: { type: "event", event: "purchase.completed" }, next: null }],
});

/** Every journey with its state and headline figures; create one or open one. */
export function JourneyListPage() {
  const [journeys, setJourneys] = useState<JourneyRecord[] | null>(null);
  const [stats, setStats] = useState<Record<string, JourneyStats>>({});
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");

  useEffect(() => {
    api
      .listJourneys()
      .then(async (list) => {
        setJourneys(list);
        const figures = await Promise.all(list.filter((j) => j.currentVersion !== null).map((j) => api.stats(j.id).catch(() => null)));
        setStats(Object.fromEntries(figures.filter((s) => s !== null).map((s) => [s.journeyId, s])));
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const create = async () => {
    const title = name.trim() || "Untitled journey";
    const journey = await api.createJourney(title, EMPTY_JOURNEY(title));
    location.hash = routeHref({ page: "journey", journeyId: journey.id });
  };

  return (
    <div className="list-page">
      <header className="topbar">
        <span className="brand">Overture</span>
        <span className="muted">Journeys</span>
      </header>
      <main className="list-main">
        <div className="list-head">
          <h1>Journeys</h1>
          <form
            className="create-form"
            onSubmit={(e) => {
              e.preventDefault();
              create().catch((err: Error) => setError(err.message));
            }}
          >
            <input aria-label="New journey name" placeholder="New journey name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="primary">
              Create journey
            </button>
          </form>
        </div>
        {error && <p className="error-text">{error}</p>}
        {journeys === null ? (
          <p className="muted">Loading…</p>
        ) : journeys.length === 0 ? (
          <p className="muted">No journeys yet: create the first one above.</p>
        ) : (
          <table className="journey-table">
            <thead>
              <tr>
                <th>Journey</th>
                <th>State</th>
                <th>Version</th>
                <th className="num">Entered</th>
                <th className="num">Active</th>
                <th className="num">Converted</th>
              </tr>
            </thead>
            <tbody>
              {journeys.map((j) => {
                const s = stats[j.id];
                return (
                  <tr key={j.id}>
                    <td>
                      <a href={routeHref({ page: "journey", journeyId: j.id })} className="journey-link">
                        {j.name}
                      </a>
                    </td>
                    <td>
                      <span className={`status status-${j.status}`}>{j.status}</span>
                    </td>
                    <td>{j.currentVersion ? `v${j.currentVersion}` : "—"}</td>
                    <td className="num">{s?.entered ?? "—"}</td>
                    <td className="num">{s?.active ?? "—"}</td>
                    <td className="num">{s?.converted ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
