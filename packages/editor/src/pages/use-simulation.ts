import type { JourneyDocument } from "@overture/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, type Simulation } from "../api/api-client.ts";

/** How often a running simulation is asked how far it got. */
const POLL_MS = 250;

/** The editor's view of a draft simulation: nothing yet, starting, running or finished, or refused with a reason. */
export type SimulationView =
  | { state: "idle" }
  | { state: "starting" }
  | { state: "running" | "done" | "failed"; simulation: Simulation }
  | { state: "refused"; message: string };

/**
 * Runs the draft on synthetic customers on the server: saves the draft first (the server simulates what is saved),
 * starts the simulation, then polls it until it is done. `clear` forgets it, taking its figures off the canvas.
 */
export function useSimulation(journeyId: string): {
  view: SimulationView;
  /** The draft as it was simulated: the figures describe it, not later edits. */
  simulated: JourneyDocument | null;
  start: (document: JourneyDocument, options: { customers: number; days: number }) => Promise<void>;
  clear: () => void;
} {
  const [view, setView] = useState<SimulationView>({ state: "idle" });
  const [simulated, setSimulated] = useState<JourneyDocument | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stop = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const poll = useCallback(
    (simId: string) => {
      timer.current = setTimeout(async () => {
        try {
          const simulation = await api.simulation(journeyId, simId);
          setView({ state: simulation.state, simulation });
          if (simulation.state === "running") poll(simId);
        } catch (e) {
          setView({ state: "refused", message: (e as Error).message });
        }
      }, POLL_MS);
    },
    [journeyId],
  );

  const start = useCallback(
    async (document: JourneyDocument, options: { customers: number; days: number }) => {
      stop();
      setView({ state: "starting" });
      setSimulated(document);
      try {
        await api.saveDraft(journeyId, document);
        const simulation = await api.startSimulation(journeyId, options);
        setView({ state: simulation.state, simulation });
        if (simulation.state === "running") poll(simulation.id);
      } catch (e) {
        const problems =
          e instanceof ApiError && e.problems.length > 0 ? `: ${e.problems.map((p) => p.message).join("; ")}` : "";
        setView({ state: "refused", message: `${(e as Error).message}${problems}` });
      }
    },
    [journeyId, poll, stop],
  );

  const clear = useCallback(() => {
    stop();
    setView({ state: "idle" });
    setSimulated(null);
  }, [stop]);
  return { view, simulated, start, clear };
}
