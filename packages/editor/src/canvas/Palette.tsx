import { STEP_TYPES, type StepType } from "@overture/core";
import { STEP_TYPE_LABELS } from "../model/new-step.ts";
import { STEP_DRAG_TYPE } from "./JourneyCanvas.tsx";

/** Every step type: click to add below the selected step, or drag onto the canvas. */
export function Palette({ onAdd, disabled }: { onAdd: (type: StepType) => void; disabled: boolean }) {
  return (
    <aside className="palette" aria-label="Steps">
      <div className="panel-title">Steps</div>
      {STEP_TYPES.map((type) => (
        <button
          type="button"
          key={type}
          className={`palette-item type-${type}`}
          disabled={disabled}
          draggable={!disabled}
          onDragStart={(e) => {
            e.dataTransfer.setData(STEP_DRAG_TYPE, type);
            e.dataTransfer.effectAllowed = "copy";
          }}
          onClick={() => onAdd(type)}
          title={`Add a ${STEP_TYPE_LABELS[type].toLowerCase()} step`}
        >
          <span className="step-dot" />
          {STEP_TYPE_LABELS[type]}
        </button>
      ))}
    </aside>
  );
}
