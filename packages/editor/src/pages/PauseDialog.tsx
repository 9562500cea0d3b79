/**
 * Asks before pausing a live journey, saying what pausing does as the runtime does it (packages/runtime: a paused
 * journey takes no one in, runs no step, ignores the events its customers wait for, and its waits' end times stand).
 */
export function PauseDialog({
  busy,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label="Pause the journey" aria-describedby="pause-what">
        <h2>Pause this journey?</h2>
        <ul id="pause-what" className="pause-what">
          <li>No one new enters while it is paused.</li>
          <li>
            Customers already in it stay on the step they are at: no step runs, so no email, notification or webhook
            goes out.
          </li>
          <li>Events they are waiting for that happen during the pause do not move them on.</li>
          <li>Waits keep counting: a wait that ends during the pause goes on as soon as you resume.</li>
        </ul>
        <p className="muted">You can resume it at any time.</p>
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
            Pause journey
          </button>
        </div>
      </div>
    </div>
  );
}
