import type { ReactNode } from "react";

/** The side panel with no step selected: the journey's headline figures, its problems and how to start editing. */
export function JourneyOverview({
  stats,
  problemCount,
  title,
  problemsView,
}: {
  stats: { entered: number; active: number; converted: number; exited: number } | null;
  problemCount: number;
  title?: string;
  problemsView: ReactNode;
}) {
  return (
    <div className="overview">
      {stats && (
        <section className="headline" aria-label="Figures">
          <Figure label="Entered" value={stats.entered} />
          <Figure label="Active" value={stats.active} />
          <Figure label="Converted" value={stats.converted} />
          <Figure label="Exited" value={stats.exited} />
        </section>
      )}
      <div className="panel-title">{title ?? (problemCount > 0 ? `Problems (${problemCount})` : "Problems")}</div>
      {problemsView}
      <p className="muted hint">
        Select a step to edit it. Drag from a step's bottom handle to another step to connect them, or pick where it
        goes under "Goes on to" in its panel. Press ? for the keyboard shortcuts.
      </p>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="figure">
      <b>{value}</b>
      <span>{label}</span>
    </div>
  );
}
