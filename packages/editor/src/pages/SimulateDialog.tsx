import { useState } from "react";

/** The most customers the server simulates at once. */
const MAX_CUSTOMERS = 5000;

/** Asks how many synthetic customers and how many virtual days to run the draft for. */
export function SimulateDialog(props: { onRun: (options: { customers: number; days: number }) => void; onCancel: () => void }) {
  const [customers, setCustomers] = useState(500);
  const [days, setDays] = useState(30);
  const valid = Number.isInteger(customers) && customers >= 1 && customers <= MAX_CUSTOMERS && Number.isInteger(days) && days >= 1 && days <= 365;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-label="Simulate"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) props.onRun({ customers, days });
        }}
        onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
      >
        <h2>Simulate the draft</h2>
        <p className="muted">
          Runs this draft on synthetic customers under virtual time, on a copy: no real customer enters and nothing is sent. The funnel then shows on the
          canvas.
        </p>
        <label className="field">
          <span>Customers (1–{MAX_CUSTOMERS.toLocaleString("en-US")})</span>
          {/* biome-ignore lint/a11y/noAutofocus: the dialog opens to be filled in */}
          <input type="number" min={1} max={MAX_CUSTOMERS} value={customers} autoFocus onChange={(e) => setCustomers(e.target.valueAsNumber)} />
        </label>
        <label className="field">
          <span>Days (1–365)</span>
          <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.valueAsNumber)} />
        </label>
        <div className="modal-actions">
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
