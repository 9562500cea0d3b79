import type { LayoutDirection } from "@overture/core";
import { BaseEdge, type Edge, type EdgeProps, EdgeText, getSmoothStepPath, useStore } from "@xyflow/react";
import { LABEL_GROWTH } from "../model/journey-graph.ts";
import type { LineRoute } from "../model/tidy-layout.ts";
import { fitRoute, roundedPath } from "./route-path.ts";

/** What a line carries: the route the tidy layout gave it (if any), the journey's direction, and which exit it is. */
export type RouteEdgeData = { route?: LineRoute; direction: LayoutDirection; exitIndex: number };
export type RouteLine = Edge<RouteEdgeData, "route">;

/**
 * A line between two steps, drawn along the route the tidy layout computed (around steps, never behind them) with
 * its label where the layout made room for it. Once a step is moved by hand, an ordinary stepped line, its label
 * near where it leaves the step and staggered by exit, so the labels of one step's exits do not sit on each other.
 * Zoomed out, a label on a laid-out route grows as the zoom shrinks (up to {@link LABEL_GROWTH} times, the room the
 * layout gives it), so it stays as large on screen as at 100%.
 */
export function RouteEdge(props: EdgeProps<RouteLine>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    label,
    style,
    markerEnd,
    interactionWidth,
  } = props;
  // In steps of 5%, so zooming redraws lines only when their labels visibly change size.
  const grow = useStore((s) => Math.min(LABEL_GROWTH, Math.max(1, Math.round(20 / s.transform[2]) / 20)));
  const direction = data?.direction ?? "vertical";
  const fitted = data?.route
    ? fitRoute(data.route.points, { x: sourceX, y: sourceY }, { x: targetX, y: targetY }, direction)
    : null;
  let path: string;
  let at: { x: number; y: number };
  let scale = grow;
  if (fitted && data?.route) {
    path = roundedPath(fitted);
    const box = data.route.label;
    at = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : fitted[0]!;
  } else {
    [path] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
      borderRadius: 10,
    });
    const exit = data?.exitIndex ?? 0;
    // Not in room the layout made: the next step's way in may be just below, so the label keeps its size.
    scale = 1;
    at =
      direction === "vertical"
        ? { x: sourceX, y: sourceY + 16 + exit * 24 }
        : { x: sourceX + 40, y: sourceY + exit * 4 };
  }
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} interactionWidth={interactionWidth} />
      {label && (
        <g transform={`translate(${at.x} ${at.y}) scale(${scale})`}>
          <EdgeText
            x={0}
            y={0}
            label={label}
            labelBgPadding={props.labelBgPadding}
            labelBgBorderRadius={props.labelBgBorderRadius}
            labelShowBg
          />
        </g>
      )}
    </>
  );
}
