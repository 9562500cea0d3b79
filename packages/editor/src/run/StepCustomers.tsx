import { useEffect, useState } from "react";
import { api, type CustomerHistory, type InstanceRecord } from "../api/api-client.ts";

const time = (ms: number) => new Date(ms).toLocaleString();

/** The customers at a step of the running journey; clicking one shows their path with the reason for each move. */
export function StepCustomers({ journeyId, stepId }: { journeyId: string; stepId: string }) {
  const [instances, setInstances] = useState<InstanceRecord[] | null>(null);
  const [customer, setCustomer] = useState<CustomerHistory | null>(null);
  useEffect(() => {
    setCustomer(null);
    api
      .customersAtStep(journeyId, stepId)
      .then(setInstances)
      .catch(() => setInstances([]));
  }, [journeyId, stepId]);

  if (customer) {
    const path = customer.instances.filter((i) => i.journeyId === journeyId);
    return (
      <div className="run-panel">
        <button type="button" className="link" onClick={() => setCustomer(null)}>
          ← Customers at this step
        </button>
        <div className="panel-subtitle">Path of {customer.customer.id}</div>
        {path.map((instance) => (
          <ol className="path" key={instance.id}>
            <li className="muted">
              Entered v{instance.version} at {time(instance.enteredAt)}
            </li>
            {instance.transitions.map((t) => (
              <li key={`${t.at}-${t.stepId}-${t.kind}-${t.outcome}`}>
                <b>{t.stepId}</b>: {t.kind === "step" ? `took '${t.outcome}'` : t.kind} because {t.reason}
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
                {i.customerId}
              </button>
              <span className="muted"> {i.status}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
