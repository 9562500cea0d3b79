import type { StepDeliveries } from "../api/api-client.ts";
import { channelNoun, deliveryFigures } from "../model/delivery-figures.ts";
import { useOpenDeliveries } from "./use-live-deliveries.ts";

/**
 * "Emails: 1 sent · 2 dead" under a channel step's "3 passed": what became of the messages of the customers who passed
 * it. Each figure opens the list of those deliveries; retrying and dead ones are in the warning colour.
 */
export function DeliveryFigures({
  stepId,
  passed,
  deliveries,
}: {
  stepId: string;
  passed: number;
  deliveries: StepDeliveries;
}) {
  const open = useOpenDeliveries();
  const figures = deliveryFigures(deliveries);
  if (figures.length === 0) return null;
  return (
    <div className="step-deliveries" title={`What became of the messages of the ${passed} who passed`}>
      <span>{channelNoun(deliveries.channel)}:</span>
      {figures.map((f, i) => (
        <span key={f.outcome}>
          {i === 0 ? " " : " · "}
          <button
            type="button"
            // Not a drag or a pan of the canvas, and not a click that selects the step.
            className={`delivery-figure nodrag nopan${f.warn ? " warn" : ""}`}
            data-outcome={f.outcome}
            title={f.detail ? `${f.label}: ${f.detail}` : f.label}
            onClick={(e) => {
              e.stopPropagation();
              open?.(stepId, f.outcome);
            }}
          >
            <b>{f.count}</b> {f.label.slice(String(f.count).length + 1)}
          </button>
        </span>
      ))}
    </div>
  );
}
