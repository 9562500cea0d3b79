import type { OutboxCircuit, OutboxEntry } from "../../api/delivery-api.ts";
import { localTime } from "../../model/customer-words.ts";
import { type ChannelHealth, channelHealth, endpointHealth } from "./delivery-health.ts";

const CIRCUIT_WORDS: Record<OutboxCircuit["state"], string> = {
  closed: "Failing",
  open: "Paused: failing",
  "half-open": "Trying again",
};

/** Per channel and per webhook endpoint: recent sent and failed counts, and every circuit breaker with something to say. */
export function DeliveryHealth({ recent, circuits }: { recent: OutboxEntry[]; circuits: OutboxCircuit[] }) {
  const channels = channelHealth(recent);
  const endpoints = endpointHealth(recent);
  return (
    <section className="health" aria-label="Delivery health">
      <div className="health-cards">
        {channels.map((h) => (
          <HealthCard
            key={h.channel}
            title={h.channel}
            health={h}
            circuit={circuits.find((c) => c.channel === h.channel && c.endpoint === "*")}
          />
        ))}
        {endpoints.map((h) => (
          <HealthCard
            key={`endpoint:${h.channel}`}
            title={h.channel}
            kind="Webhook endpoint"
            health={h}
            circuit={circuits.find((c) => c.endpoint.includes(h.channel))}
          />
        ))}
        {channels.length === 0 && <p className="muted">Nothing sent yet.</p>}
      </div>
      {circuits.length > 0 && (
        <ul className="circuit-list" aria-label="Circuit breakers">
          {circuits.map((c) => (
            <li key={`${c.channel}/${c.endpoint}`} className={`circuit circuit-${c.state}`}>
              <b>{CIRCUIT_WORDS[c.state]}</b> {c.channel} {c.endpoint === "*" ? "" : `→ ${c.endpoint}`} ·{" "}
              {c.consecutiveFailures} failures in a row
              {c.probeAt ? ` · next try ${localTime(c.probeAt)}` : ""}
              {c.lastError ? <span className="muted"> · {c.lastError}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HealthCard({
  title,
  kind,
  health,
  circuit,
}: {
  title: string;
  kind?: string;
  health: ChannelHealth;
  circuit?: OutboxCircuit | undefined;
}) {
  const failing = health.dead > 0 || circuit?.state === "open";
  return (
    <div className={`health-card${failing ? " failing" : ""}`} data-health={title}>
      <div className="health-title">
        <span className="capitalize">{title}</span>
        {kind && <span className="muted health-kind">{kind}</span>}
      </div>
      <div className="health-figures">
        <span>
          <b>{health.sent}</b> sent
        </span>
        <span className={health.dead > 0 ? "bad" : ""}>
          <b>{health.dead}</b> dead
        </span>
        <span>
          <b>{health.skipped}</b> skipped
        </span>
        <span>
          <b>{health.waiting}</b> waiting
        </span>
      </div>
      {circuit && <div className="health-circuit">{CIRCUIT_WORDS[circuit.state]}</div>}
    </div>
  );
}
