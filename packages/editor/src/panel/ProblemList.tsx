import type { MissingFallback } from "../model/missing-fallbacks.ts";
import type { ShownProblem } from "../model/problem-words.ts";

/** Every problem that blocks publishing the draft; clicking one selects the step it concerns. */
export function ProblemList({ problems, onSelect }: { problems: ShownProblem[]; onSelect: (stepId: string) => void }) {
  if (problems.length === 0) return <p className="ok-text">No problems: this journey can be published.</p>;
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((p) => (
        <li key={p.key}>
          <button type="button" className="problem" onClick={() => p.stepId && onSelect(p.stepId)} disabled={!p.stepId}>
            <span className="problem-where">{p.where}</span>
            <span>{p.text}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The problems of the selected step, above its fields: each names the field it is in. */
export function StepProblems({ problems }: { problems: ShownProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list step-problems" aria-label="Problems on this step">
      {problems.map((p) => (
        <li key={p.key} className="problem">
          {p.text}
        </li>
      ))}
    </ul>
  );
}

/**
 * What does not block publishing but will surprise: a customer's value shown with no fallback. With `onSelect`, each
 * names its step and selects it (the journey's list); without, it is the selected step's own.
 */
export function FallbackWarnings({
  warnings,
  onSelect,
}: {
  warnings: MissingFallback[];
  onSelect?: (stepId: string) => void;
}) {
  if (warnings.length === 0) return null;
  const label = onSelect ? "Warnings" : "Warnings on this step";
  return (
    <div className="warning-list">
      {onSelect && <p className="panel-subtitle">Warnings ({warnings.length}): these do not stop publishing</p>}
      <ul aria-label={label}>
        {warnings.map((w) => (
          <li key={w.key}>
            {onSelect ? (
              <button type="button" className="problem warning" onClick={() => onSelect(w.stepId)}>
                <span className="problem-where">{w.where}</span>
                <span>{w.text}</span>
              </button>
            ) : (
              <span className="problem warning">{w.text}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
