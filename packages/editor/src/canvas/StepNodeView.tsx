import { Handle, type NodeProps, Position } from "@xyflow/react";
import { stepExits } from "../model/step-exits.ts";
import { DeliveryFigures } from "../run/DeliveryFigures.tsx";
import { PolicyBadge } from "../workspace/PolicyWarnings.tsx";
import type { StepNode } from "./canvas-model.ts";

/** One step on the canvas: its kind, name, summary, problems, live figures, and a labelled handle per exit. */
export function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  const { step, typeLabel, summary, problems, stats, statsSource } = data;
  const simulated = statsSource === "simulation";
  const exits = stepExits(step);
  const labelled = exits.length > 1 || exits.some((e) => e.label !== "");
  return (
    <div className={`step-node type-${step.type}${selected ? " selected" : ""}${problems.length > 0 ? " has-problems" : ""}`} data-step-id={step.id}>
      {step.type !== "trigger" && <Handle type="target" position={Position.Top} className="handle-in" />}
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
          title={simulated ? "Simulated: reached · waiting · passed · exited · converted" : "waiting · passed · exited · converted"}
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
      {stats?.deliveries && !simulated && <DeliveryFigures stepId={step.id} passed={stats.passed} deliveries={stats.deliveries} />}
      {labelled && (
        <div className="exit-labels">
          {exits.map((e, i) => (
            <span key={e.exit} className="exit-label" style={{ left: `${((i + 1) / (exits.length + 1)) * 100}%` }}>
              {e.label}
            </span>
          ))}
        </div>
      )}
      {exits.map((e, i) => (
        <Handle
          key={e.exit}
          id={e.exit}
          type="source"
          position={Position.Bottom}
          className="handle-out"
          title={e.label ? `Drag to connect "${e.label}"` : "Drag to connect"}
          data-exit={e.exit}
          style={{ left: `${((i + 1) / (exits.length + 1)) * 100}%` }}
        />
      ))}
    </div>
  );
}
