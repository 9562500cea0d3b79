import "./workspace.css";
import type { Step } from "@overture/core";
import { policyBadge, policyNotes } from "../model/policy-notes.ts";
import { routeHref } from "../route.ts";
import { useDeliveryPolicy } from "./use-delivery-policy.ts";

/** On a channel step's panel: how the workspace's delivery policy will hold or skip its sends, with a link to change it. */
export function PolicyWarnings({ step }: { step: Step }) {
  const policy = useDeliveryPolicy();
  const notes = policy ? policyNotes(policy, step) : [];
  if (notes.length === 0) return null;
  return (
    <section className="policy-warnings" aria-label="Delivery policy">
      <div className="panel-subtitle">Delivery policy</div>
      <ul>
        {notes.map((n) => (
          <li key={n.code} className={`policy-note policy-${n.type}`}>
            {n.text}
          </li>
        ))}
      </ul>
      <a href={routeHref({ page: "settings" })}>Change the delivery policy</a>
    </section>
  );
}

/** On a channel step's node: a small badge when the policy holds (quiet hours) or skips (caps) its sends. */
export function PolicyBadge({ step }: { step: Step }) {
  const policy = useDeliveryPolicy();
  const notes = policy ? policyNotes(policy, step) : [];
  const label = policyBadge(notes);
  if (!label) return null;
  return (
    <span className="policy-badge" title={notes.map((n) => n.text).join("\n")}>
      {label}
    </span>
  );
}
