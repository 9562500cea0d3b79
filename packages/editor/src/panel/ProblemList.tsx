import type { JourneyProblem } from "@overture/core";

/** Every validation problem of the draft; clicking one selects the step it concerns. */
export function ProblemList({ problems, onSelect }: { problems: JourneyProblem[]; onSelect: (stepId: string) => void }) {
  if (problems.length === 0) return <p className="ok-text">No problems: this journey can be published.</p>;
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((p) => (
        <li key={`${p.code}-${p.path}-${p.stepId ?? ""}-${p.message}`}>
          <button type="button" className="problem" onClick={() => p.stepId && onSelect(p.stepId)} disabled={!p.stepId}>
            <span className="problem-where">{p.stepId ?? "Journey"}</span>
            <span>{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
