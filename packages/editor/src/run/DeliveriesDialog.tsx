import { useCallback, useEffect, useState } from "react";
import { api, type DeliveryState, type StepDelivery } from "../api/api-client.ts";
import { reasonInWords } from "../model/delivery-figures.ts";
import "./deliveries.css";

const time = (ms: number) => new Date(ms).toLocaleString();

/** The deliveries of one step with one outcome: who, what became of it and why; a dead one can be retried. */
export function DeliveriesDialog(props: {
  journeyId: string;
  version?: number;
  stepId: string;
  stepName: string;
  outcome: DeliveryState;
  onClose(): void;
}) {
  const { journeyId, version, stepId, stepName, outcome, onClose } = props;
  const [rows, setRows] = useState<StepDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api.stepDeliveries(journeyId, stepId, { version, outcome }).then(
        (items) => setRows(items),
        (e: Error) => setError(e.message),
      ),
    [journeyId, stepId, version, outcome],
  );
  useEffect(() => {
    load();
  }, [load]);

  const retry = async (row: StepDelivery) => {
    try {
      const again = await api.retryDelivery(row.seq);
      // It stays in this list, marked, until the dialog is opened again: the user sees what the click did.
      setRows(
        (list) =>
          list?.map((r) => (r.seq === row.seq ? { ...r, status: again.status, outcome: "queued", attempts: 0 } : r)) ??
          null,
      );
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal deliveries-dialog"
        role="dialog"
        aria-label={`Deliveries of ${stepName}`}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        <h2>
          {stepName}: {outcome} deliveries
        </h2>
        {error && <p className="error">{error}</p>}
        {rows === null ? (
          <p className="muted">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="muted">None right now.</p>
        ) : (
          <table className="deliveries-table">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Attempts</th>
                <th>Last error</th>
                <th>
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq} data-seq={r.seq} data-customer={r.customerId}>
                  <td>{r.customerId}</td>
                  <td className={`delivery-status ${r.outcome}`}>
                    {r.outcome === "queued" && r.reason ? "queued (retried)" : r.outcome}
                  </td>
                  <td>{reasonInWords(r.reason)}</td>
                  <td>{r.attempts}</td>
                  <td className="last-error" title={r.lastError ?? ""}>
                    {r.lastError ?? ""}
                    {r.outcome === "retrying" || r.outcome === "deferred" || r.outcome === "queued" ? (
                      <span className="muted"> · next try {time(r.nextAttemptAt)}</span>
                    ) : null}
                  </td>
                  <td>
                    {r.outcome === "dead" && (
                      <button type="button" onClick={() => retry(r)}>
                        Retry
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: the dialog takes the keyboard so Esc closes it */}
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
