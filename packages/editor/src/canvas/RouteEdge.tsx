import type { LayoutDirection } from "@overture/core";
import { BaseEdge, type Edge, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import type { LineRoute } from "../model/tidy-layout.ts";
import { fitRoute, roundedPath } from "./route-path.ts";

/** What a line carries: the route the tidy layout gave it (if any), the journey's direction, and which exit it is. */
export type RouteEdgeData = { route?: LineRoute; direction: LayoutDirection; exitIndex: number };
export type RouteLine = Edge<RouteEdgeData, "route">;

/**
 * A line between two steps, drawn along the route the tidy layout computed (around steps, never behind them) with
 * its label where the layout made room for it. Once a step is moved by hand, an ordinary stepped line, its label
 * near where it leaves the step and staggered by exit, so the labels of one step's exits do not sit on each other.
 */
export function RouteEdge(props: EdgeProps<RouteLine>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, style, markerEnd, interactionWidth } = props;
  const direction = data?.direction ?? "vertical";
  const fitted = data?.route ? fitRoute(data.route.points, { x: sourceX, y: sourceY }, { x: targetX, y: targetY }, direction) : null;
  let path: string;
  let at: { x: number; y: number };
  if (fitted && data?.route) {
    path = roundedPath(fitted);
    const box = data.route.label;
    at = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : fitted[0]!;
  } else {
    [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10 });
    const stagger = 16 + (data?.exitIndex ?? 0) * 24;
    at = direction === "vertical" ? { x: sourceX, y: sourceY + stagger } : { x: sourceX + 40, y: sourceY + (data?.exitIndex ?? 0) * 4 };
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      style={style}
      markerEnd={markerEnd}
      interactionWidth={interactionWidth}
      label={label}
      labelX={at.x}
      labelY={at.y}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      labelShowBg
    />
  );
}
