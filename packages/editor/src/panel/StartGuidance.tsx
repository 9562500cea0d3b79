/** What a journey just created shows instead of problems: where to start, and a button that starts there. */
export function StartGuidance({ onStart }: { onStart: () => void }) {
  return (
    <div className="start-guidance" role="note" aria-label="Getting started">
      <p>
        <b>Start by choosing what starts the journey.</b>
      </p>
      <p className="muted">
        Pick the event that brings customers in, then add the steps that follow from the palette on the left. The
        journey can be published once every step leads somewhere.
      </p>
      <button type="button" className="primary" onClick={onStart}>
        Choose what starts it
      </button>
    </div>
  );
}
