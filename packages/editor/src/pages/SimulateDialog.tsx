import "./simulation.css";
import {
  deriveSimulationBehaviours,
  type JourneyDocument,
  type SimulationModel,
  simulationBehaviours,
  toSimulationModel,
} from "@overture/core";
import { useState } from "react";
import { behavioursValid, SimulationBehavioursTable } from "./SimulationBehavioursTable.tsx";

/** The most customers the server simulates at once. */
const MAX_CUSTOMERS = 5000;

/** What to run: how many customers, for how many days, and how they behave (saved with the journey). */
export type SimulateOptions = { customers: number; days: number; simulation: SimulationModel };

/**
 * Asks how many simulated customers and how many virtual days to run the draft for, and shows what those customers
 * do, derived from the journey (with the user's saved edits), as a table to edit. Running saves the table with the journey.
 */
export function SimulateDialog(props: {
  document: JourneyDocument;
  onRun: (options: SimulateOptions) => void;
  onCancel: () => void;
}) {
  const [customers, setCustomers] = useState(500);
  const [days, setDays] = useState(30);
  const [behaviours, setBehaviours] = useState(() => simulationBehaviours(props.document));
  // Remounts the table's inputs after a reset, so list boxes show the defaults again.
  const [generation, setGeneration] = useState(0);
  const valid =
    Number.isInteger(customers) &&
    customers >= 1 &&
    customers <= MAX_CUSTOMERS &&
    Number.isInteger(days) &&
    days >= 1 &&
    days <= 365 &&
    behavioursValid(behaviours);
  return (
    <div className="modal-backdrop">
      <form
        className="modal simulate-dialog"
        role="dialog"
        aria-label="Simulate"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) props.onRun({ customers, days, simulation: toSimulationModel(behaviours) });
        }}
        onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
      >
        <h2>Simulate the draft</h2>
        <p className="muted">
          Runs this draft on simulated customers under virtual time, on a copy: no real customer enters and nothing is
          sent. The funnel then shows on the canvas.
        </p>
        <div className="simulate-sizes">
          <label className="field">
            <span>Customers (1–{MAX_CUSTOMERS.toLocaleString("en-US")})</span>
            <input
              // biome-ignore lint/a11y/noAutofocus: the dialog opens to be filled in
              autoFocus
              type="number"
              min={1}
              max={MAX_CUSTOMERS}
              value={customers}
              onChange={(e) => setCustomers(e.target.valueAsNumber)}
            />
          </label>
          <label className="field">
            <span>Days (1–365)</span>
            <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.valueAsNumber)} />
          </label>
        </div>
        <h3>What the simulated customers do</h3>
        <p className="muted">
          Taken from this journey: every event it starts on, waits for or tests, and every value it checks, spread so
          both sides of each test happen. Change them to try other cases; they are saved with the journey.
        </p>
        <SimulationBehavioursTable key={generation} behaviours={behaviours} onChange={setBehaviours} />
        <div className="modal-actions">
          <button
            type="button"
            className="link"
            onClick={() => {
              setBehaviours(deriveSimulationBehaviours(props.document));
              setGeneration((g) => g + 1);
            }}
          >
            Reset to the journey's defaults
          </button>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            Run simulation
          </button>
        </div>
      </form>
    </div>
  );
}
