import { type JourneyDocument, type Step, type StepType, validateJourney } from "@overture/core";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { ApiError, api, type DeliveryState, type JourneyRecord, type VersionRecord } from "../api/api-client.ts";
import { may } from "../api/session-state.ts";
import { BlueprintView } from "../canvas/BlueprintView.tsx";
import { JourneyCanvas } from "../canvas/JourneyCanvas.tsx";
import { Palette } from "../canvas/Palette.tsx";
import { useCanvasView, ViewToggle } from "../canvas/ViewToggle.tsx";
import { withDeliveries } from "../model/delivery-figures.ts";
import type { JourneyChange } from "../model/journey-change.ts";
import { journeyHistoryReducer, startHistory } from "../model/journey-history.ts";
import { missingFallbacks } from "../model/missing-fallbacks.ts";
import { freeStepId, newStep } from "../model/new-step.ts";
import { placeNewStep } from "../model/place-after.ts";
import { describeProblems, mergeProblems } from "../model/problem-words.ts";
import { needsTidy, tidyDocument } from "../model/tidy-layout.ts";
import { isUnstarted } from "../model/unstarted.ts";
import { JourneySettingsPanel } from "../panel/JourneySettingsPanel.tsx";
import { FallbackWarnings, ProblemList } from "../panel/ProblemList.tsx";
import { StartGuidance } from "../panel/StartGuidance.tsx";
import { StepPanel } from "../panel/StepPanel.tsx";
import { JourneyTabs } from "../report/JourneyTabs.tsx";
import { routeHref } from "../route.ts";
import { DeliveriesDialog } from "../run/DeliveriesDialog.tsx";
import { StepCustomers } from "../run/StepCustomers.tsx";
import { OpenDeliveriesContext, useLiveDeliveries } from "../run/use-live-deliveries.ts";
import { useAutosave, useLiveStats, useScrollTopOn } from "./editor-hooks.ts";
import { JourneyOverview } from "./JourneyOverview.tsx";
import { KeyboardHelp } from "./KeyboardHelp.tsx";
import { MissingJourney } from "./MissingJourney.tsx";
import { PauseDialog } from "./PauseDialog.tsx";
import { PublishDialog } from "./PublishDialog.tsx";
import { ReviewGate } from "./ReviewGate.tsx";
import { SimulateDialog } from "./SimulateDialog.tsx";
import { SimulationBar } from "./SimulationBar.tsx";
import { useEditorKeys } from "./use-editor-keys.ts";
import { useServerProblems } from "./use-server-problems.ts";
import { useSimulation } from "./use-simulation.ts";
import { VersionMenu } from "./VersionMenu.tsx";

const EMPTY: JourneyDocument = { schemaVersion: 1, name: "", settings: undefined as never, steps: [] };

/** A journey on the canvas: its draft (edited, saved automatically) or one published version, read-only. */
export function JourneyEditorPage({ journeyId, version }: { journeyId: string; version?: number }) {
  const readOnly = version !== undefined;
  const [journey, setJourney] = useState<JourneyRecord | null>(null);
  const [versions, setVersions] = useState<VersionRecord[]>([]);
  const [history, dispatch] = useReducer(journeyHistoryReducer, startHistory(EMPTY));
  const [loaded, setLoaded] = useState(false);
  // A link to a journey that is not there: a page that says so, never an empty editor that "saves".
  const [missing, setMissing] = useState(false);
  const [selection, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [publishing, setPublishing] = useState<"closed" | "open" | "busy">("closed");
  const [message, setMessage] = useState<string | null>(null);
  const [simulateOpen, setSimulateOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [pausing, setPausing] = useState<"closed" | "open" | "busy">("closed");
  const simulation = useSimulation(journeyId);
  const [view, setView] = useCanvasView();
  const document = history.present;

  const reload = useCallback(async () => {
    const [j, vs] = await Promise.all([api.getJourney(journeyId), api.versions(journeyId)]);
    setJourney(j);
    setVersions(vs);
    return { j, vs };
  }, [journeyId]);

  useEffect(() => {
    reload()
      .then(async ({ j, vs }) => {
        const shown = readOnly ? vs.find((v) => v.version === version)?.document : j.draft;
        const loadedDocument = { ...EMPTY, ...(shown ?? {}), steps: shown?.steps ?? [] };
        // Documents written by hand often have steps on top of each other; they are shown tidied (saved on the next edit).
        dispatch({
          type: "reset",
          document: needsTidy(loadedDocument.steps) ? await tidyDocument(loadedDocument) : loadedDocument,
        });
        setLoaded(true);
      })
      .catch((e: Error) => (e instanceof ApiError && e.status === 404 ? setMissing(true) : setMessage(e.message)));
  }, [reload, readOnly, version]);

  // Deleted or undone steps leave the selection with the document.
  const selected = useMemo(
    () => new Set(document.steps.filter((s) => selection.has(s.id)).map((s) => s.id)) as ReadonlySet<string>,
    [document, selection],
  );
  const validation = useMemo(() => validateJourney(document), [document]);
  const saveState = useAutosave(journeyId, loaded ? document : null, loaded && !readOnly);
  // Publishing also refuses what only the server finds (templates, the workspace's endpoints): listed with the rest.
  const server = useServerProblems(journeyId, loaded ? document : null, loaded && !readOnly);
  const problems = useMemo(
    () => describeProblems(mergeProblems(validation.problems, server.problems, { current: server.current }), document),
    [validation, server.problems, server.current, document],
  );
  const canPublish = problems.length === 0;
  // A journey as created, untouched: guidance rather than a red problem the author did not make (still not publishable).
  const unstarted = !readOnly && history.past.length === 0 && isUnstarted(document);
  const shownProblems = unstarted ? [] : problems;
  const published = journey?.currentVersion != null;
  const stats = useLiveStats(journeyId, version, published);
  const deliveries = useLiveDeliveries(journeyId, version, published);
  const [deliveriesOf, setDeliveriesOf] = useState<{ stepId: string; outcome: DeliveryState } | null>(null);
  const simulated = "simulation" in simulation.view ? simulation.view.simulation.funnel : null;
  const running = versions.find((v) => v.version === journey?.currentVersion)?.document ?? null;

  const change = useCallback(
    (c: JourneyChange, key?: string) => !readOnly && dispatch({ type: "apply", change: c, key }),
    [readOnly],
  );
  const selectedStep = selected.size === 1 ? document.steps.find((s) => selected.has(s.id)) : undefined;
  const sidePanel = useScrollTopOn<HTMLElement>(selectedStep?.id ?? "");

  const addStep = (type: StepType, position?: { x: number; y: number }) => {
    const id = freeStepId(document, type);
    // Dropped at a place: there. Clicked: after the selected step, on its first free exit; else after everything. Never on another step.
    const placed = placeNewStep(document, newStep(type, id), { dropped: position, after: selectedStep });
    change({ type: "add-step", step: newStep(type, id, placed.position), from: placed.from });
    setSelected(new Set([id]));
  };

  useEditorKeys({
    document,
    selected,
    readOnly,
    dispatch,
    onPasted: (ids) => setSelected(new Set(ids)),
    onHelp: () => setHelpOpen((open) => !open),
  });

  const lifecycle = async (action: "pause" | "resume" | "archive") => {
    setJourney(await api.lifecycle(journeyId, action));
  };
  const publish = async () => {
    setPublishing("busy");
    try {
      await api.saveDraft(journeyId, document);
      const v = await api.publish(journeyId);
      setMessage(`Published version ${v.version}.`);
      await reload();
      setPublishing("closed");
    } catch (e) {
      if (e instanceof ApiError && e.code === "journey_invalid") {
        // Refused for problems the editor had not heard of yet: they go to the list, which the panel then shows.
        server.report(e.problems);
        setSelected(new Set());
        setPublishing("closed");
        setMessage(
          `Not published: ${e.problems.length} ${e.problems.length === 1 ? "problem" : "problems"} to fix first, listed under Problems.`,
        );
        return;
      }
      setMessage((e as Error).message);
      setPublishing("open");
    }
  };

  const publishTitle = canPublish
    ? "Publish a new version"
    : unstarted
      ? "Start by choosing what starts the journey"
      : `Fix the ${problems.length === 1 ? "problem" : `${problems.length} problems`} first`;

  if (missing) return <MissingJourney />;
  return (
    <div className="editor-page">
      <header className="topbar">
        <a className="brand" href={routeHref({ page: "list" })}>
          Overture
        </a>
        <span className="crumb">/</span>
        <input
          className="journey-name"
          aria-label="Journey name"
          // The field gives way to the buttons at 1280 px: the whole name shows on hover.
          title={document.name}
          value={document.name}
          readOnly={readOnly}
          onChange={(e) => change({ type: "rename-journey", name: e.target.value }, "journey-name")}
        />
        {journey && <span className={`status status-${journey.status}`}>{journey.status}</span>}
        <JourneyTabs journeyId={journeyId} current="editor" />
        {readOnly ? (
          <span className="badge">Version {version}, read-only</span>
        ) : (
          <span className={`save-state ${saveState}`}>{SAVE_WORDS[saveState]}</span>
        )}
        <div className="spacer" />
        <VersionMenu journeyId={journeyId} versions={versions} current={version} />
        {/* "?" rather than a word: at 1280 px every character of the bar is the journey name's. */}
        <button
          type="button"
          onClick={() => setHelpOpen(true)}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
        >
          ?
        </button>
        {!readOnly && (
          <>
            <button
              type="button"
              onClick={() => dispatch({ type: "undo" })}
              disabled={history.past.length === 0}
              title="Undo (Ctrl-Z)"
            >
              Undo
            </button>
            <button
              type="button"
              onClick={() => dispatch({ type: "redo" })}
              disabled={history.future.length === 0}
              title="Redo (Ctrl-Shift-Z)"
            >
              Redo
            </button>
            <button
              type="button"
              onClick={() => setSimulateOpen(true)}
              disabled={
                !validation.valid || simulation.view.state === "running" || simulation.view.state === "starting"
              }
              title={validation.valid ? "Run the draft on synthetic customers" : "Fix the problems first"}
            >
              Simulate
            </button>
          </>
        )}
        {may("journeys.publish") && journey?.status === "active" && (
          <button type="button" onClick={() => setPausing("open")}>
            Pause
          </button>
        )}
        {may("journeys.publish") && journey?.status === "paused" && (
          <button type="button" onClick={() => lifecycle("resume")}>
            Resume
          </button>
        )}
        {may("journeys.publish") && journey && journey.status !== "archived" && journey.status !== "draft" && (
          <button
            type="button"
            onClick={() => confirm("Archive this journey? It ends for good.") && lifecycle("archive")}
          >
            Archive
          </button>
        )}
        {!readOnly && (
          <ReviewGate
            journeyId={journeyId}
            save={() => api.saveDraft(journeyId, document)}
            disabled={!canPublish || journey?.status === "archived"}
            title={publishTitle}
            onPublish={() => setPublishing("open")}
            onMessage={setMessage}
            may={{ publish: may("journeys.publish"), request: may("approvals.request") }}
          />
        )}
      </header>
      {message && (
        <div className="message" role="status">
          {message}
          <button type="button" className="link" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      )}
      <SimulationBar
        view={simulation.view}
        stale={simulation.simulated !== null && !sameSteps(simulation.simulated, document)}
        onClear={simulation.clear}
      />
      <div className="editor-body">
        <Palette onAdd={(t) => addStep(t)} disabled={readOnly} />
        {/* The Canvas | Blueprint switch floats over the view it switches, leaving the top bar to the journey's name. */}
        <div className="canvas-stack">
          {loaded && <ViewToggle view={view} onChange={setView} />}
          {!loaded ? (
            <div className="canvas" />
          ) : view === "blueprint" ? (
            <BlueprintView
              document={document}
              problems={shownProblems.map((p) => ({ stepId: p.stepId, message: p.text }))}
              selected={selected}
              readOnly={readOnly}
              onChange={change}
              onSelect={(ids) => setSelected(new Set(ids))}
              onAddStep={(t) => addStep(t)}
            />
          ) : (
            <OpenDeliveriesContext.Provider value={(stepId, outcome) => setDeliveriesOf({ stepId, outcome })}>
              <JourneyCanvas
                document={document}
                problems={shownProblems.map((p) => ({ stepId: p.stepId, message: p.text }))}
                stats={simulated && simulated.length > 0 ? simulated : withDeliveries(stats?.steps, deliveries)}
                statsSource={simulated && simulated.length > 0 ? "simulation" : "live"}
                selected={selected}
                readOnly={readOnly}
                onChange={change}
                onSelect={(ids) => setSelected(new Set(ids))}
                onDropStep={addStep}
                onOpenStep={() => focusFirstField()}
              />
            </OpenDeliveriesContext.Provider>
          )}
        </div>
        <aside
          ref={sidePanel}
          className="side-panel"
          onKeyDown={(e) => e.key === "Escape" && selectedStep && focusStepOnCanvas(selectedStep.id)}
        >
          {selectedStep ? (
            <>
              {published && <StepCustomers journeyId={journeyId} stepId={selectedStep.id} steps={document.steps} />}
              <StepPanel
                key={selectedStep.id}
                step={selectedStep}
                steps={document.steps}
                readOnly={readOnly}
                problems={readOnly ? [] : shownProblems.filter((p) => p.stepId === selectedStep.id)}
                onEdit={(step: Step, field: string) => {
                  change({ type: "update-step", stepId: selectedStep.id, step }, `edit-${selectedStep.id}-${field}`);
                  if (step.id !== selectedStep.id) setSelected(new Set([step.id]));
                }}
                onOpenJourneyGoal={() => {
                  setSelected(new Set());
                  // Once the journey's settings are shown, bring its goal into view.
                  setTimeout(() => window.document.getElementById("journey-goal")?.scrollIntoView({ block: "start" }));
                }}
              />
            </>
          ) : (
            <>
              <JourneyOverview
                stats={stats}
                problemCount={readOnly ? 0 : shownProblems.length}
                title={unstarted ? "Getting started" : undefined}
                problemsView={
                  unstarted ? (
                    <StartGuidance
                      onStart={() => {
                        setSelected(new Set(document.steps.map((s) => s.id)));
                        focusFirstField();
                      }}
                    />
                  ) : readOnly ? (
                    <p className="muted">
                      This is version {version} as it was published. Choose "Draft (editing)" in the version menu to
                      make changes.
                    </p>
                  ) : (
                    <>
                      <ProblemList problems={problems} onSelect={(id) => setSelected(new Set([id]))} />
                      <FallbackWarnings
                        warnings={missingFallbacks(document.steps)}
                        onSelect={(id) => setSelected(new Set([id]))}
                      />
                    </>
                  )
                }
              />
              <JourneySettingsPanel
                settings={document.settings}
                readOnly={readOnly}
                onChange={(settings, field) => change({ type: "update-settings", settings }, `settings-${field}`)}
                goalSteps={document.steps.filter((s) => s.type === "goal")}
                onSelectStep={(id) => setSelected(new Set([id]))}
              />
            </>
          )}
        </aside>
      </div>
      {helpOpen && <KeyboardHelp onClose={() => setHelpOpen(false)} />}
      {deliveriesOf && (
        <DeliveriesDialog
          journeyId={journeyId}
          version={version}
          stepId={deliveriesOf.stepId}
          stepName={document.steps.find((s) => s.id === deliveriesOf.stepId)?.name || deliveriesOf.stepId}
          outcome={deliveriesOf.outcome}
          onClose={() => setDeliveriesOf(null)}
        />
      )}
      {simulateOpen && (
        <SimulateDialog
          document={document}
          onCancel={() => setSimulateOpen(false)}
          onRun={({ simulation: behaviours, ...options }) => {
            setSimulateOpen(false);
            // The behaviours are part of the journey: saved with the draft (and undoable), then simulated as saved.
            const settings = { ...document.settings, simulation: behaviours };
            change({ type: "update-settings", settings });
            void simulation.start({ ...document, settings }, options);
          }}
        />
      )}
      {pausing !== "closed" && (
        <PauseDialog
          busy={pausing === "busy"}
          onCancel={() => setPausing("closed")}
          onConfirm={() => {
            setPausing("busy");
            lifecycle("pause").then(
              () => setPausing("closed"),
              (e: Error) => {
                setPausing("closed");
                setMessage(e.message);
              },
            );
          }}
        />
      )}
      {publishing !== "closed" && (
        <PublishDialog
          running={running}
          draft={document}
          busy={publishing === "busy"}
          onConfirm={publish}
          onCancel={() => setPublishing("closed")}
        />
      )}
    </div>
  );
}

const SAVE_WORDS = {
  saved: "All changes saved",
  saving: "Saving…",
  error: "Not saved: retrying on the next edit",
} as const;

/** Enter on a step: the keyboard goes to the first field of its panel. */
function focusFirstField(): void {
  requestAnimationFrame(() =>
    globalThis.document
      .querySelector<HTMLElement>(".side-panel :is(input, select, textarea, button):not(:disabled)")
      ?.focus(),
  );
}

/** Esc in the panel: the keyboard goes back to the step on the canvas. */
function focusStepOnCanvas(stepId: string): void {
  globalThis.document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(stepId)}"]`)?.focus();
}

/** Whether two drafts have the same steps, positions aside (moving a step does not change what a simulation shows). */
function sameSteps(a: JourneyDocument, b: JourneyDocument): boolean {
  const withoutPositions = (d: JourneyDocument) =>
    JSON.stringify([d.settings, d.steps.map(({ position: _p, ...step }) => step)]);
  return a === b || withoutPositions(a) === withoutPositions(b);
}
