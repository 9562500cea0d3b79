import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { BlueprintItem, BlueprintLayout } from "../model/blueprint-layout.ts";
import { blueprintBackdrop } from "../model/blueprint-svg.ts";
import { stepKindClass } from "../model/new-step.ts";
import type { CanvasProblem } from "./canvas-model.ts";

/** A box of the blueprint: a step's card or time marker, or the workflow a webhook starts. */
export type BlueprintItemNode = Node<{ item: BlueprintItem; problems: CanvasProblem[] }, "blueprint-item">;
/** The lanes, the time axis and the three lines, drawn once under the boxes. */
export type BlueprintBackdropNode = Node<{ layout: BlueprintLayout }, "blueprint-backdrop">;

/** Connection points on every side; lines are drawn by the layout, never dragged, so they stay hidden. */
function Handles() {
  return (
    <>
      <Handle type="target" id="top" position={Position.Top} isConnectable={false} className="blueprint-handle" />
      <Handle type="target" id="left" position={Position.Left} isConnectable={false} className="blueprint-handle" />
      <Handle type="source" id="right" position={Position.Right} isConnectable={false} className="blueprint-handle" />
      <Handle type="source" id="bottom" position={Position.Bottom} isConnectable={false} className="blueprint-handle" />
    </>
  );
}

/** One box, in the canvas's step look (its kind, name and summary) at the blueprint's fixed size. */
export function BlueprintItemView({ data, selected }: NodeProps<BlueprintItemNode>) {
  const { item, problems } = data;
  const style = { width: item.width, height: item.height };
  const state = `${selected ? " selected" : ""}${problems.length > 0 ? " has-problems" : ""}`;
  if (item.kind === "marker")
    return (
      <div
        className={`blueprint-marker ${stepKindClass(item.stepType)}${state}`}
        style={style}
        data-step-id={item.stepId ?? undefined}
        title={item.summary}
      >
        <Handles />
        <div className="blueprint-marker-time">{item.kindLabel}</div>
        <div className="blueprint-marker-name">{item.title}</div>
      </div>
    );
  return (
    <div
      className={`step-node blueprint-card ${stepKindClass(item.stepType)} blueprint-${item.kind}${state}`}
      style={style}
      data-step-id={item.kind === "card" ? (item.stepId ?? undefined) : undefined}
      data-support-for={item.kind === "support" ? (item.stepId ?? undefined) : undefined}
      data-journey-action={item.kind === "journey" ? item.id : undefined}
      title={item.summary}
    >
      <Handles />
      <div className="step-kind">
        <span className="step-dot" />
        <span className="blueprint-kind-text">{item.kindLabel}</span>
        {problems.length > 0 && (
          <span className="problem-badge" title={problems.map((p) => p.message).join("\n")}>
            {problems.length} {problems.length === 1 ? "problem" : "problems"}
          </span>
        )}
      </div>
      <div className="step-name">{item.title}</div>
      <div className="step-summary">{item.summary}</div>
    </div>
  );
}

/** The backdrop: the same drawing the SVG export starts from, so what is exported is what is shown. */
export function BlueprintBackdropView({ data }: NodeProps<BlueprintBackdropNode>) {
  const { layout } = data;
  return (
    <svg
      className="blueprint-backdrop"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label="Blueprint lanes: customer actions, frontstage, backstage, support processes"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: made from lane names, times and numbers only, each escaped by blueprintBackdrop
      dangerouslySetInnerHTML={{ __html: blueprintBackdrop(layout) }}
    />
  );
}
