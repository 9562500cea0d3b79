import type { JourneyDocument, LayoutDirection } from "@overture/core";
import { Panel } from "@xyflow/react";
import { useState } from "react";
import type { JourneyChange } from "../model/journey-change.ts";
import type { StepSizes } from "../model/journey-graph.ts";
import { directionOf, tidyChange } from "../model/tidy-layout.ts";

const DIRECTIONS: { direction: LayoutDirection; label: string; icon: string }[] = [
  { direction: "vertical", label: "Top to bottom", icon: "↓" },
  { direction: "horizontal", label: "Left to right", icon: "→" },
];

/**
 * The canvas's layout buttons: "Tidy layout" lays the journey out afresh; the direction buttons lay it out top to
 * bottom or left to right, a choice saved with the journey. Each is one change, so one undo puts everything back.
 */
export function LayoutToolbar(props: { document: JourneyDocument; sizes: StepSizes; onChange: (change: JourneyChange) => void }) {
  const { document, sizes, onChange } = props;
  const [busy, setBusy] = useState(false);
  const current = directionOf(document);
  const tidy = (direction: LayoutDirection) => {
    setBusy(true);
    tidyChange(document, direction, sizes)
      .then(onChange)
      .finally(() => setBusy(false));
  };
  return (
    <Panel position="top-right" className="layout-toolbar">
      <button type="button" onClick={() => tidy(current)} disabled={busy} title="Lay the steps out in order, lines clear of every step">
        Tidy layout
      </button>
      <fieldset className="layout-direction" aria-label="Layout direction">
        {DIRECTIONS.map(({ direction, label, icon }) => (
          <button
            key={direction}
            type="button"
            aria-pressed={current === direction}
            title={`Lay the journey out ${label.toLowerCase()}`}
            disabled={busy}
            onClick={() => tidy(direction)}
          >
            <span aria-hidden="true">{icon}</span> {label}
          </button>
        ))}
      </fieldset>
    </Panel>
  );
}
