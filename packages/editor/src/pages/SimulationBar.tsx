import "./simulation.css";
import type { SimulationView } from "./use-simulation.ts";

/** Above the canvas while a simulation runs or its funnel is shown: its progress, its headline figures, and Clear. */
export function SimulationBar({ view, stale, onClear }: { view: SimulationView; stale: boolean; onClear: () => void }) {
  if (view.state === "idle") return null;
  const clear = (
    <button type="button" className="link" onClick={onClear}>
      Clear simulation
    </button>
  );
  if (view.state === "refused")
    return (
      <div className="simulation-bar failed" role="status" aria-label="Simulation">
        Simulation refused: {view.message} {clear}
      </div>
    );
  if (view.state === "starting")
    return (
      <div className="simulation-bar" role="status" aria-label="Simulation">
        Simulation: starting…
      </div>
    );
  const s = view.simulation;
  const percent = Math.round(s.progress * 100);
  return (
    <div className={`simulation-bar ${view.state}`} role="status" aria-label="Simulation" data-state={view.state}>
      <b>Simulation</b>
      <span>
        {s.customers.toLocaleString("en-US")} simulated customers, {s.days} days
      </span>
      {view.state === "running" && (
        <>
          <div
            className="simulation-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-label="Simulation progress"
          >
            <div style={{ width: `${percent}%` }} />
          </div>
          <span>
            day {s.virtualDay.toFixed(1)} · {percent}%
          </span>
        </>
      )}
      {view.state === "done" && (
        <span>
          Done: <b>{s.entered}</b> entered, <b>{s.converted}</b> converted. The figures on the steps are simulated, not
          live.
        </span>
      )}
      {view.state === "done" && stale && (
        <span className="simulation-stale" title="Run Simulate again to see the draft as it is now">
          The draft changed since: these figures are for the draft as it was.
        </span>
      )}
      {view.state === "failed" && <span>Failed: {s.error}</span>}
      {clear}
      {view.state === "done" && s.nobodyEntered && <span className="simulation-reason">{s.nobodyEntered}</span>}
    </div>
  );
}
