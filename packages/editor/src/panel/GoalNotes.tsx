import type { Step } from "@overture/core";

/**
 * A journey has two ways to count conversions, and each place that edits one says what the other is and links to
 * it: the goal step (a point in the path) and the journey goal (an event, whatever step the customer is at).
 */
export function GoalStepNote({ onOpenJourneyGoal }: { onOpenJourneyGoal?: (() => void) | undefined }) {
  return (
    <div className="goal-note" role="note" aria-label="About goals">
      <p>
        A <b>goal step</b> counts as converted every customer whose path reaches it, here in the flow.
      </p>
      <p>
        The <b>journey goal</b> is different: it counts customers who do an event (a purchase, an activation…), wherever
        they are in the journey.
      </p>
      {onOpenJourneyGoal && (
        <button type="button" className="link-button" onClick={onOpenJourneyGoal}>
          Open the journey goal
        </button>
      )}
    </div>
  );
}

/** Under the journey goal: what it counts, and the goal steps of the journey, each a link to the step. */
export function JourneyGoalNote({
  goalSteps,
  onSelectStep,
}: {
  goalSteps: readonly Step[];
  onSelectStep?: ((stepId: string) => void) | undefined;
}) {
  return (
    <div className="goal-note" role="note" aria-label="About goals">
      <p>
        The <b>journey goal</b> counts a customer as converted when they do the event chosen here, wherever they are in
        the journey.
      </p>
      <p>
        To count the customers whose path reaches a point of the flow instead, add a <b>Goal step</b> from the palette.
      </p>
      {onSelectStep &&
        goalSteps.map((s) => (
          <button type="button" key={s.id} className="link-button" onClick={() => onSelectStep(s.id)}>
            Open the goal step '{s.name || s.id}'
          </button>
        ))}
    </div>
  );
}
