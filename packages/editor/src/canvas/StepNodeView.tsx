import { Handle, type NodeProps, Position, useStore } from "@xyflow/react";
import { farFigures } from "../model/far-figures.ts";
import { stepKindClass } from "../model/new-step.ts";
import { stepExits } from "../model/step-exits.ts";
import { entryPort, exitPort, sideHeight } from "../model/step-ports.ts";
import { DeliveryFigures } from "../run/DeliveryFigures.tsx";
import { PolicyBadge } from "../workspace/PolicyWarnings.tsx";
import type { StepNode } from "./canvas-model.ts";
import { FAR_ZOOM, FarName } from "./FarName.tsx";

/** One step on the canvas: its kind, name, summary, problems, live figures, and a labelled handle per exit. */
export function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  const { step, typeLabel, summary, problems, stats, statsSource, direction } = data;
  const simulated = statsSource === "simulation";
  const exits = stepExits(step);
  const vertical = direction === "vertical";
  // Zoomed out, the step shows its name alone, large enough to read (re-rendered only when crossing the threshold).
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  // Only exits that lead nowhere yet are labelled on the step: a connected exit's label is on its line.
  const unlabelled = exits.some((e) => e.target === null && e.label !== "");
  const labelled = vertical && (exits.length > 1 || exits.some((e) => e.label !== ""));
  const place = (i: number) =>
    vertical
      ? { left: `${((i + 1) / (exits.length + 1)) * 100}%` }
      : { top: `${exitPort(direction, i, exits.length, 0).y}px` };
  return (
    <div
      className={`step-node ${stepKindClass(step.type)} layout-${direction}${far ? " far" : ""}${selected ? " selected" : ""}${problems.length > 0 ? " has-problems" : ""}`}
      data-step-id={step.id}
      // Zoomed out, a long name is cut to the lines that fit: the whole name on hover.
      title={far ? step.name || step.id : undefined}
      style={vertical ? undefined : { minHeight: sideHeight(exits.length) }}
    >
      {step.type !== "trigger" && (
        <Handle
          type="target"
          position={vertical ? Position.Top : Position.Left}
          className="handle-in"
          style={vertical ? undefined : { top: `${entryPort(direction).y}px` }}
        />
      )}
      {far && <FarName name={step.name || step.id} figures={farFigures(stats, simulated)} />}
      <div className="step-kind">
        <span className="step-dot" />
        {typeLabel}
        {problems.length > 0 && (
          <span className="problem-badge" title={problems.map((p) => p.message).join("\n")}>
            {problems.length} {problems.length === 1 ? "problem" : "problems"}
          </span>
        )}
        <PolicyBadge step={step} />
      </div>
      <div className="step-name">{step.name || step.id}</div>
      <div className="step-summary">{summary}</div>
      {stats && (
        <div
          className={`step-stats${simulated ? " simulated" : ""}`}
          title={
            simulated
              ? "Simulated: reached · waiting · passed · exited · converted"
              : "waiting · passed · exited · converted"
          }
        >
          {simulated && (
            <span className="stats-source" data-reached={stats.reached ?? 0}>
              Simulation · <b>{stats.reached ?? 0}</b> reached
            </span>
          )}
          <span>
            <b>{stats.waiting}</b> waiting
          </span>
          <span>
            <b>{stats.passed}</b> passed
          </span>
          <span>
            <b>{stats.exited}</b> exited
          </span>
          <span>
            <b>{stats.converted}</b> converted
          </span>
        </div>
      )}
      {stats?.deliveries && !simulated && (
        <DeliveryFigures stepId={step.id} passed={stats.passed} deliveries={stats.deliveries} />
      )}
      {labelled && (
        <div className="exit-labels">
          {unlabelled &&
            exits.map((e, i) =>
              e.target === null ? (
                <span
                  key={e.exit}
                  className="exit-label"
                  title={e.label}
                  style={{ ...place(i), width: `${100 / (exits.length + 1)}%` }}
                >
                  {e.label}
                </span>
              ) : null,
            )}
        </div>
      )}
      {!vertical &&
        exits.map((e, i) =>
          e.target === null && e.label ? (
            <span key={e.exit} className="exit-label side" title={e.label} style={place(i)}>
              {e.label}
            </span>
          ) : null,
        )}
      {exits.map((e, i) => (
        <Handle
          key={e.exit}
          id={e.exit}
          type="source"
          position={vertical ? Position.Bottom : Position.Right}
          className="handle-out"
          title={e.label ? `Drag to connect "${e.label}"` : "Drag to connect"}
          data-exit={e.exit}
          style={place(i)}
        />
      ))}
    </div>
  );
}
