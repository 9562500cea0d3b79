import { useState } from "react";

/** Asks for review of the draft with a note for the reviewer (what changed, why, by when). */
export function RequestReviewDialog(props: { busy: boolean; onSend: (note: string) => void; onCancel: () => void }) {
  const [note, setNote] = useState("");
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label="Request review">
        <h2>Request review</h2>
        <p className="muted">
          This workspace requires approval before publishing. The draft is kept as it is now; a publisher sees what it
          changes against the running version, and their approval publishes it. Editing the draft afterwards means
          asking again.
        </p>
        <label className="review-note">
          Note for the reviewer
          <textarea
            value={note}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What changed, and why"
          />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={props.busy} onClick={() => props.onSend(note)}>
            Send for review
          </button>
        </div>
      </div>
    </div>
  );
}
