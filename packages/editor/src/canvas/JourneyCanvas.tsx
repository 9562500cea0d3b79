import type { JourneyDocument, StepType } from "@overture/core";
import {
  Background,
  type Connection,
  type EdgeTypes,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useUpdateNodeInternals,
} from "@xyflow/react";
import { type DragEvent, type FocusEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import type { JourneyChange } from "../model/journey-change.ts";
import { neighbourStep, type StepMove } from "../model/step-navigation.ts";
import { directionOf } from "../model/tidy-layout.ts";
import { catalogNames } from "../panel/catalog-options.ts";
import { useCatalog } from "../panel/use-catalog.ts";
import "./canvas-keyboard.css";
import { useSegments } from "../panel/use-segments.ts";
import { CanvasControls } from "./CanvasControls.tsx";
import {
  type CanvasProblem,
  type StatsSource,
  type StepFigures,
  type StepNode,
  toNodesAndEdges,
} from "./canvas-model.ts";
import { READABLE_ZOOM } from "./FarName.tsx";
import { LayoutToolbar } from "./LayoutToolbar.tsx";
import { RouteEdge, type RouteLine } from "./RouteEdge.tsx";
import { StepNodeView } from "./StepNodeView.tsx";
import { useJourneyLayouts } from "./use-journey-layouts.ts";

const nodeTypes: NodeTypes = { step: StepNodeView };
const edgeTypes: EdgeTypes = { route: RouteEdge };

/** Room kept at the top of the canvas for the layout buttons, so no step opens or fits underneath them. */
const TOOLBAR_ROOM = 64;
const FIT_PADDING = { top: TOOLBAR_ROOM, bottom: 24, x: 24 } as const;

/** The MIME type the palette drags step types with. */
export const STEP_DRAG_TYPE = "application/x-overture-step";

/** What the canvas needs: the document, what to show on it, and where its edits go. */
export type JourneyCanvasProps = {
  document: JourneyDocument;
  problems: CanvasProblem[];
  stats: StepFigures[] | null;
  /** Whether `stats` are the running version's or a simulation's (labelled so nobody takes them for live data). */
  statsSource?: StatsSource;
  selected: ReadonlySet<string>;
  readOnly: boolean;
  onChange: (change: JourneyChange, key?: string) => void;
  onSelect: (stepIds: string[]) => void;
  onDropStep: (type: StepType, position: { x: number; y: number }) => void;
  /** Enter on a selected step: its panel should take the keyboard. */
  onOpenStep?: (stepId: string) => void;
};

/** Keys that move the selection between steps (Delete, undo, copy and paste are handled for the whole page). */
const MOVES: Record<string, StepMove> = { ArrowDown: "down", ArrowUp: "up", ArrowLeft: "left", ArrowRight: "right" };

/** The canvas adapter: the only place that speaks of nodes and edges; everything it emits is a journey change. */
export function JourneyCanvas(props: JourneyCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function CanvasInner({
  document,
  problems,
  stats,
  statsSource,
  selected,
  readOnly,
  onChange,
  onSelect,
  onDropStep,
  onOpenStep,
}: JourneyCanvasProps) {
  const flow = useReactFlow();
  const dragCount = useRef(0);
  const deleteCount = useRef(0);
  const container = useRef<HTMLDivElement>(null);
  // xyflow measures each node and reports it as a change; kept here because nodes are rebuilt from the document.
  const [sizes, setSizes] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const catalog = useCatalog();
  const segments = useSegments();
  const layouts = useJourneyLayouts(document, sizes);
  // Handles move to other sides when the direction changes; xyflow only re-reads them when told.
  const updateNodeInternals = useUpdateNodeInternals();
  const direction = directionOf(document);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of direction moves every handle
  useEffect(() => updateNodeInternals(document.steps.map((s) => s.id)), [direction]);
  const { nodes, edges } = useMemo(() => {
    const model = toNodesAndEdges({
      document,
      problems,
      stats,
      statsSource,
      selected,
      names: catalogNames(catalog, segments),
      layouts,
    });
    return { nodes: model.nodes.map((n) => ({ ...n, measured: sizes.get(n.id) })), edges: model.edges };
  }, [document, problems, stats, statsSource, selected, sizes, catalog, segments, layouts]);

  // A step selected from elsewhere (added from the palette, picked in the problem list) is brought into view.
  const only = selected.size === 1 ? [...selected][0]! : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of selection pans; edits and moves must not
  useEffect(() => {
    const step = only === null ? undefined : document.steps.find((s) => s.id === only);
    const box = container.current?.getBoundingClientRect();
    if (!step?.position || !box || only === null) return;
    const { x, y, zoom } = flow.getViewport();
    const size = sizes.get(only) ?? { width: 240, height: 120 };
    const left = step.position.x * zoom + x;
    const top = step.position.y * zoom + y;
    if (left >= 0 && top >= 0 && left + size.width * zoom <= box.width && top + size.height * zoom <= box.height)
      return;
    void flow.setCenter(step.position.x + size.width / 2, step.position.y + size.height / 2, { zoom });
  }, [only]);

  const onNodesChange = (changes: NodeChange<StepNode>[]) => {
    let selection: Set<string> | null = null;
    const measured = changes.filter((c) => c.type === "dimensions" && c.dimensions);
    if (measured.length > 0)
      setSizes((old) => {
        const next = new Map(old);
        for (const c of measured) if (c.type === "dimensions" && c.dimensions) next.set(c.id, c.dimensions);
        return next;
      });
    for (const change of changes) {
      if (change.type === "position" && change.position && !readOnly) {
        onChange({ type: "move", stepId: change.id, position: change.position }, `drag-${dragCount.current}`);
      } else if (change.type === "select") {
        selection ??= new Set(selected);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
    }
    if (selection) onSelect([...selection]);
  };

  const onConnect = (c: Connection) => {
    if (readOnly || !c.source || !c.target || c.source === c.target) return;
    onChange({ type: "connect", stepId: c.source, exit: c.sourceHandle ?? "next", target: c.target });
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(STEP_DRAG_TYPE) as StepType;
    if (!type || readOnly) return;
    event.preventDefault();
    onDropStep(type, flow.screenToFlowPosition({ x: event.clientX - 120, y: event.clientY - 30 }));
  };

  const focusStep = (stepId: string) => {
    onSelect([stepId]);
    // Focus brings the step into view (xyflow pans to a focused node) and shows the focus ring.
    requestAnimationFrame(() =>
      container.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(stepId)}"]`)?.focus(),
    );
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (
      (event.target as HTMLElement).closest("input, textarea, select") ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey
    )
      return;
    const current = selected.size === 1 ? [...selected][0]! : null;
    const move = event.key === "Tab" ? (event.shiftKey ? "previous" : "next") : MOVES[event.key];
    if (move) {
      const target = neighbourStep(document, current, move);
      // At either end of the journey, Tab leaves the canvas as usual.
      if (target === null && event.key === "Tab") return;
      event.preventDefault();
      if (target !== null) focusStep(target);
    } else if (event.key === "Enter" && current !== null) {
      event.preventDefault();
      onOpenStep?.(current);
    } else if (event.key === "Escape" && selected.size > 0) {
      onSelect([]);
    }
  };
  // A step reached with Tab from outside the canvas becomes the selection, as if clicked.
  const onFocus = (event: FocusEvent) => {
    const node = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    const id = node?.dataset.id;
    if (id && !selected.has(id) && node.matches(":focus-visible")) onSelect([id]);
  };

  return (
    <div
      className="canvas"
      role="application"
      aria-label="Journey canvas"
      aria-roledescription="journey canvas: Tab or arrow keys move between steps, Enter edits, Delete removes, ? lists every key"
      ref={container}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <ReactFlow<StepNode, RouteLine>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={() => {
          dragCount.current += 1;
        }}
        onConnect={onConnect}
        onDelete={({ nodes: gone, edges: cut }) => {
          if (readOnly) return;
          // One Delete is one undo step: removing steps already cuts their links, other links cut share a key.
          const key = `delete-${++deleteCount.current}`;
          const stepIds = new Set(gone.map((n) => n.id));
          if (stepIds.size > 0) onChange({ type: "remove-steps", stepIds: [...stepIds] }, key);
          for (const e of cut)
            if (!stepIds.has(e.source) && !stepIds.has(e.target))
              onChange({ type: "connect", stepId: e.source, exit: e.sourceHandle ?? "next", target: null }, key);
        }}
        onPaneClick={() => onSelect([])}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        // Arrow keys move the selection between steps (above), not the selected step across the canvas.
        disableKeyboardA11y
        onInit={(instance) => {
          // Opens readable from the top (the trigger), rather than fitting a long journey into a thumbnail.
          const box = container.current?.getBoundingClientRect();
          const placed = nodes.map((n) => n.position);
          if (!box || placed.length === 0) return;
          const left = Math.min(...placed.map((p) => p.x));
          const right = Math.max(...placed.map((p) => p.x)) + 240;
          const top = Math.min(...placed.map((p) => p.y));
          const bottom = Math.max(...placed.map((p) => p.y)) + 120;
          const zoom = Math.min(
            1,
            Math.max(0.6, Math.min(box.width / (right - left + 80), box.height / (bottom - top + 80))),
          );
          // Left to right, it opens at the trigger on the left, centred top to bottom.
          if (direction === "horizontal")
            instance.setViewport({
              x: 40 - left * zoom,
              y: TOOLBAR_ROOM / 2 + box.height / 2 - ((top + bottom) / 2) * zoom,
              zoom,
            });
          else
            instance.setViewport({
              x: box.width / 2 - ((left + right) / 2) * zoom,
              y: TOOLBAR_ROOM - top * zoom,
              zoom,
            });
        }}
        // No further out than names and labels stay readable (FarName.tsx); the minimap shows a long journey whole.
        minZoom={READABLE_ZOOM}
        // A long journey is read by scrolling, like a page: the wheel or two fingers move the canvas; Ctrl with the
        // wheel, or a pinch, zooms.
        panOnScroll
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#d9dee7" />
        {!readOnly && <LayoutToolbar document={document} sizes={sizes} onChange={(c) => onChange(c)} />}
        <CanvasControls padding={FIT_PADDING} />
        <MiniMap<StepNode>
          pannable
          zoomable
          // Small enough at 1280×800 that it covers little of the steps beneath it.
          style={{ width: 150, height: 110 }}
          nodeStrokeWidth={3}
          nodeColor={(n) => (n.data.problems.length > 0 ? "#e5484d" : "#8b95a7")}
        />
      </ReactFlow>
    </div>
  );
}
