import type { JourneyDocument, StepType } from "@overture/core";
import {
  Controls,
  type Edge,
  MarkerType,
  type NodeChange,
  type NodeTypes,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useEffect, useMemo, useRef, useState } from "react";
import { type BlueprintLayout, layoutBlueprint } from "../model/blueprint-layout.ts";
import { blueprintSvg } from "../model/blueprint-svg.ts";
import type { JourneyChange } from "../model/journey-change.ts";
import { catalogNames } from "../panel/catalog-options.ts";
import { useCatalog } from "../panel/use-catalog.ts";
import "./blueprint.css";
import { useSegments } from "../panel/use-segments.ts";
import {
  type BlueprintBackdropNode,
  BlueprintBackdropView,
  type BlueprintItemNode,
  BlueprintItemView,
} from "./BlueprintNodes.tsx";
import { blueprintFileName, downloadBlob, svgToPng } from "./blueprint-export.ts";
import type { CanvasProblem } from "./canvas-model.ts";
import { STEP_DRAG_TYPE } from "./JourneyCanvas.tsx";
import { PinnedLaneLabels } from "./PinnedLaneLabels.tsx";

const nodeTypes: NodeTypes = { "blueprint-item": BlueprintItemView, "blueprint-backdrop": BlueprintBackdropView };

/** What the blueprint needs: the journey, its problems, the selection, and where edits and new steps go. */
export type BlueprintViewProps = {
  document: JourneyDocument;
  problems: CanvasProblem[];
  selected: ReadonlySet<string>;
  readOnly: boolean;
  onChange: (change: JourneyChange, key?: string) => void;
  onSelect: (stepIds: string[]) => void;
  /** A step dropped from the palette: added as a click on the palette adds it (its lane follows from its type). */
  onAddStep: (type: StepType) => void;
};

/**
 * The journey as a service blueprint: lanes, time left to right, the three lines. Positions come from the layout,
 * so nothing here moves a step; selecting, deleting and adding steps work as on the canvas.
 */
export function BlueprintView(props: BlueprintViewProps) {
  return (
    <ReactFlowProvider>
      <BlueprintInner {...props} />
    </ReactFlowProvider>
  );
}

function BlueprintInner({ document, problems, selected, readOnly, onChange, onSelect, onAddStep }: BlueprintViewProps) {
  const flow = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  const deletes = useRef(0);
  const [exportError, setExportError] = useState<string | null>(null);
  const catalog = useCatalog();
  const segments = useSegments();
  const layout = useMemo(
    () =>
      layoutBlueprint(document, {
        names: catalogNames(catalog, segments),
        endpointUrl: (name) => catalog.webhookEndpoints.find((e) => e.name === name)?.url,
      }),
    [document, catalog, segments],
  );
  const nodes = useMemo(() => toNodes(layout, problems, selected), [layout, problems, selected]);
  const edges = useMemo(() => toEdges(layout), [layout]);

  // A step selected elsewhere (added from the palette, picked in the problem list) is brought into view.
  const only = selected.size === 1 ? [...selected][0]! : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of selection pans
  useEffect(() => {
    const item = layout.items.find((i) => i.id === only);
    const box = container.current?.getBoundingClientRect();
    if (!item || !box) return;
    const { x, y, zoom } = flow.getViewport();
    const [left, top] = [item.x * zoom + x, item.y * zoom + y];
    if (left >= 0 && top >= 0 && left + item.width * zoom <= box.width && top + item.height * zoom <= box.height)
      return;
    void flow.setCenter(item.x + item.width / 2, item.y + item.height / 2, { zoom });
  }, [only]);

  const onNodesChange = (changes: NodeChange<BlueprintItemNode | BlueprintBackdropNode>[]) => {
    const picks = changes.filter((c) => c.type === "select");
    if (picks.length === 0) return;
    const on = new Map(nodes.map((n) => [n.id, n.selected === true]));
    for (const c of picks) on.set(c.id, c.selected);
    // A workflow card stands for the webhook that starts it: picking either selects the step.
    const stepIds = new Set([...on].filter(([, picked]) => picked).flatMap(([id]) => stepIdOf(layout, id) ?? []));
    onSelect([...stepIds]);
  };

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(STEP_DRAG_TYPE) as StepType;
    if (!type || readOnly) return;
    event.preventDefault();
    onAddStep(type);
  };

  const exportAs = async (extension: "svg" | "png") => {
    setExportError(null);
    const svg = blueprintSvg(layout, document.name || "Journey");
    try {
      const blob =
        extension === "svg"
          ? new Blob([svg], { type: "image/svg+xml" })
          : await svgToPng(svg, layout.width, layout.height + 64);
      downloadBlob(blob, blueprintFileName(document.name, extension));
    } catch (e) {
      setExportError((e as Error).message);
    }
  };

  return (
    <div
      className="canvas blueprint"
      role="application"
      aria-label="Journey blueprint"
      ref={container}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      onKeyDown={(e) => e.key === "Escape" && selected.size > 0 && onSelect([])}
      onFocus={(event) => {
        // A step reached with Tab becomes the selection, as if clicked (as on the canvas).
        const node = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
        const stepId = node?.dataset.id ? stepIdOf(layout, node.dataset.id) : undefined;
        if (stepId && !selected.has(stepId) && node?.matches(":focus-visible")) onSelect([stepId]);
      }}
    >
      <ReactFlow<BlueprintItemNode | BlueprintBackdropNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onDelete={({ nodes: gone }) => {
          if (readOnly) return;
          const stepIds = [
            ...new Set(gone.map((n) => stepIdOf(layout, n.id)).filter((id): id is string => id !== undefined)),
          ];
          if (stepIds.length > 0) onChange({ type: "remove-steps", stepIds }, `blueprint-delete-${++deletes.current}`);
        }}
        onPaneClick={() => onSelect([])}
        onNodeClick={(_, node) => node.id.startsWith("journey:") && onSelect([])}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        onInit={(instance) => {
          // Opens with every lane in view, from the customer's first action on the left, small enough to show a few
          // moments side by side but never too small to read; later moments are a sideways scroll away.
          const box = container.current?.getBoundingClientRect();
          if (!box) return;
          const zoom = Math.min(
            1,
            Math.max(0.7, Math.min((box.height - 24) / layout.height, box.width / layout.width)),
          );
          const y = Math.max(12, (box.height - layout.height * zoom) / 2);
          instance.setViewport({ x: Math.max(12, (box.width - layout.width * zoom) / 2), y, zoom });
        }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} orientation="horizontal" />
        <PinnedLaneLabels layout={layout} />
        <Panel position="bottom-right" className="blueprint-export">
          <span className="muted">Export</span>
          <button
            type="button"
            onClick={() => exportAs("svg")}
            title="Download the blueprint as a vector drawing (slides, print)"
          >
            SVG
          </button>
          <button type="button" onClick={() => exportAs("png")} title="Download the blueprint as a picture">
            PNG
          </button>
          {exportError && (
            <span className="error" role="alert">
              {exportError}
            </span>
          )}
        </Panel>
      </ReactFlow>
    </div>
  );
}

function stepIdOf(layout: BlueprintLayout, nodeId: string): string | undefined {
  return layout.items.find((i) => i.id === nodeId)?.stepId ?? undefined;
}

function toNodes(
  layout: BlueprintLayout,
  problems: CanvasProblem[],
  selected: ReadonlySet<string>,
): (BlueprintItemNode | BlueprintBackdropNode)[] {
  const backdrop: BlueprintBackdropNode = {
    id: "blueprint-backdrop",
    type: "blueprint-backdrop",
    position: { x: 0, y: 0 },
    data: { layout },
    selectable: false,
    draggable: false,
    focusable: false,
    deletable: false,
    zIndex: -1,
    className: "blueprint-backdrop-node",
  };
  return [
    backdrop,
    ...layout.items.map(
      (item): BlueprintItemNode => ({
        id: item.id,
        type: "blueprint-item",
        position: { x: item.x, y: item.y },
        width: item.width,
        height: item.height,
        selected: item.stepId !== null && selected.has(item.stepId),
        // The journey's own actions are edited with its settings: a click clears the selection, which shows them.
        selectable: item.stepId !== null,
        deletable: item.stepId !== null,
        ariaLabel: `${item.kind === "card" || item.kind === "marker" ? "" : `${item.kindLabel} `}${item.title}: ${item.summary}`,
        data: {
          item,
          problems:
            item.kind === "card" || item.kind === "marker" ? problems.filter((p) => p.stepId === item.stepId) : [],
        },
      }),
    ),
  ];
}

function toEdges(layout: BlueprintLayout): Edge[] {
  const column = new Map(layout.items.map((i) => [i.id, i.column]));
  return layout.connections.map((c) => {
    const down = column.get(c.from) === column.get(c.to);
    return {
      id: c.id,
      source: c.from,
      target: c.to,
      sourceHandle: down ? "bottom" : "right",
      targetHandle: down ? "top" : "left",
      type: "smoothstep",
      label: c.label || undefined,
      className: c.kind === "starts" ? "blueprint-starts" : "blueprint-flow",
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: "#64748b" },
      selectable: false,
      deletable: false,
      focusable: false,
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
    };
  });
}
