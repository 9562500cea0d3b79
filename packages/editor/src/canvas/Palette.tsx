import type { StepType } from "@overture/core";
import { stepKindClass, stepTypeLabel, stepTypes } from "../model/new-step.ts";
import { STEP_DRAG_TYPE } from "./JourneyCanvas.tsx";

/** Every step type: click to add below the selected step, or drag onto the canvas. */
export function Palette({ onAdd, disabled }: { onAdd: (type: StepType) => void; disabled: boolean }) {
  return (
    <aside className="palette" aria-label="Steps">
      <div className="panel-title">Steps</div>
      {stepTypes().map((type) => (
        <button
          type="button"
          key={type}
          className={`palette-item ${stepKindClass(type)}`}
          disabled={disabled}
          draggable={!disabled}
          onDragStart={(e) => {
            e.dataTransfer.setData(STEP_DRAG_TYPE, type);
            e.dataTransfer.effectAllowed = "copy";
          }}
          onClick={() => onAdd(type)}
          title={`Add a ${stepTypeLabel(type).toLowerCase()} step`}
        >
          <span className="step-dot" />
          {stepTypeLabel(type)}
        </button>
      ))}
    </aside>
  );
}
