import type { SegmentRule } from "@overture/core";
import { estimateWords } from "./segment-words.ts";
import { useEstimate } from "./use-estimate.ts";

/** The live size estimate of the rule on screen, refreshed after each pause in editing. */
export function EstimateLine({ rule, label }: { rule: SegmentRule; label: string }) {
  const { estimate, pending, error } = useEstimate(rule);
  return (
    <p className="segment-estimate" role="status" aria-label="Size estimate" aria-busy={pending}>
      <span className="muted">{label}</span>
      {error ? (
        <span className="error-text">cannot estimate yet ({error})</span>
      ) : estimate ? (
        <strong>{estimateWords(estimate)}</strong>
      ) : (
        <span className="muted">estimating…</span>
      )}
      {pending && estimate && <span className="muted"> (updating…)</span>}
    </p>
  );
}
