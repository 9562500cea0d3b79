import type { Step } from "@overture/core";
import { useEffect, useState } from "react";
import { api, type CustomerHistory, type InstanceRecord } from "../api/api-client.ts";
import { type CustomerLabel, customerLabel, localTime, plainReason } from "../model/customer-words.ts";
import { stepTypeLabel } from "../model/new-step.ts";

const time = (ms: number) => localTime(ms);

/** Who someone is, in words: the name leads, the id (and email) follow in small print. */
function CustomerName({ label }: { label: CustomerLabel }) {
  return (
    <>
      {label.name}
      {label.detail && <span className="muted customer-detail"> {label.detail}</span>}
    </>
  );
}

/** The customers at a step of the running journey; clicking one shows their path with the reason for each move. */
export function StepCustomers({
  journeyId,
  stepId,
  steps = [],
}: {
  journeyId: string;
  stepId: string;
  steps?: readonly Step[];
}) {
  // A step of an older version that is gone from this one keeps its id.
  const stepName = (id: string) => {
    const step = steps.find((s) => s.id === id);
    return step ? step.name || stepTypeLabel(step.type) || id : id;
  };
  const [instances, setInstances] = useState<InstanceRecord[] | null>(null);
  const [customer, setCustomer] = useState<CustomerHistory | null>(null);
  const [labels, setLabels] = useState<Record<string, CustomerLabel>>({});
  useEffect(() => {
    setCustomer(null);
    let live = true;
    api
      .customersAtStep(journeyId, stepId)
      .then((found) => {
        if (!live) return;
        setInstances(found);
        // The list is by id; the profiles give the names. One that cannot be read keeps its id.
        for (const id of new Set(found.map((i) => i.customerId))) {
          api
            .customer(id)
            .then((history) => live && setLabels((known) => ({ ...known, [id]: customerLabel(history.customer) })))
            .catch(() => {});
        }
      })
      .catch(() => live && setInstances([]));
    return () => {
      live = false;
    };
  }, [journeyId, stepId]);

  if (customer) {
    const path = customer.instances.filter((i) => i.journeyId === journeyId);
    return (
      <div className="run-panel">
        <button type="button" className="link" onClick={() => setCustomer(null)}>
          ← Customers at this step
        </button>
        <div className="panel-subtitle">
          Path of <CustomerName label={customerLabel(customer.customer)} />
        </div>
        {path.map((instance) => (
          <ol className="path" key={instance.id}>
            <li className="muted">
              Entered v{instance.version} at {time(instance.enteredAt)}
            </li>
            {instance.transitions.map((t) => (
              <li key={`${t.at}-${t.stepId}-${t.kind}-${t.outcome}`}>
                <b>{stepName(t.stepId)}</b>: {t.kind === "step" ? `took '${t.outcome}'` : t.kind} because{" "}
                {plainReason(t.reason)}
                <span className="muted"> · {time(t.at)}</span>
              </li>
            ))}
            <li className="muted">Now: {instance.status}</li>
          </ol>
        ))}
      </div>
    );
  }
  return (
    <div className="run-panel">
      <div className="panel-subtitle">Customers at this step</div>
      {instances === null ? (
        <p className="muted">Loading…</p>
      ) : instances.length === 0 ? (
        <p className="muted">Nobody is here right now.</p>
      ) : (
        <ul className="customer-list">
          {instances.map((i) => (
            <li key={i.id}>
              <button type="button" className="link" onClick={() => api.customer(i.customerId).then(setCustomer)}>
                {labels[i.customerId]?.name ?? i.customerId}
              </button>
              {labels[i.customerId]?.detail && (
                <span className="muted customer-detail"> {labels[i.customerId]?.detail}</span>
              )}
              <span className="muted"> {i.status}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
