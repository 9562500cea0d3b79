import type { JourneyDocument, LayoutDirection } from "@overture/core";
import { Panel } from "@xyflow/react";
import { useRef, useState } from "react";
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
export function LayoutToolbar(props: {
  document: JourneyDocument;
  sizes: StepSizes;
  onChange: (change: JourneyChange) => void;
}) {
  const { document, onChange } = props;
  const [busy, setBusy] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  const current = directionOf(document);
  // The layout takes a moment (a worker): a step added meanwhile would keep a place chosen among the old positions,
  // on top of a moved step. A layout of steps that are no longer the journey's is thrown away and made again.
  const tidy = async (direction: LayoutDirection) => {
    setBusy(true);
    try {
      for (;;) {
        const from = latest.current;
        const change = await tidyChange(from.document, direction, from.sizes);
        if (sameSteps(from.document, latest.current.document)) return onChange(change);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel position="top-right" className="layout-toolbar">
      <button
        type="button"
        onClick={() => tidy(current)}
        disabled={busy}
        title="Lay the steps out in order, lines clear of every step"
      >
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

function sameSteps(a: JourneyDocument, b: JourneyDocument): boolean {
  return a.steps.length === b.steps.length && a.steps.every((s, i) => s.id === b.steps[i]?.id);
}
