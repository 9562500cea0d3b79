import { useViewport } from "@xyflow/react";
import { BLUEPRINT_SIZES, type BlueprintLayout } from "../model/blueprint-layout.ts";
import { BAND_COLORS } from "../model/blueprint-svg.ts";

/**
 * The lane names, kept at the left edge once the blueprint is scrolled past them, so a step far along in time still
 * says which lane it is in (like a spreadsheet's frozen first column).
 */
export function PinnedLaneLabels({ layout }: { layout: BlueprintLayout }) {
  const { x, y, zoom } = useViewport();
  if (x >= 0) return null;
  return (
    <div className="blueprint-pinned-labels" aria-hidden="true" style={{ width: BLUEPRINT_SIZES.labelWidth * zoom }}>
      {layout.bands.map((band) => (
        <div
          key={band.id}
          className="blueprint-pinned-label"
          style={{
            top: band.y * zoom + y,
            height: band.height * zoom,
            background: BAND_COLORS[band.id].label,
            color: BAND_COLORS[band.id].text,
            fontSize: 15 * zoom,
          }}
        >
          {band.label}
        </div>
      ))}
    </div>
  );
}
