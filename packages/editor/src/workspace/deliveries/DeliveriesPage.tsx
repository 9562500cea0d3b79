import { channelSteps } from "@overture/channels/browser";
import { useCallback, useEffect, useState } from "react";
import { api, type JourneyRecord } from "../../api/api-client.ts";
import { deliveryApi, type OutboxCircuit, type OutboxEntry } from "../../api/delivery-api.ts";
import { reasonInWords } from "../../model/delivery-figures.ts";
import "../workspace.css";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { DeliveryDetail } from "./DeliveryDetail.tsx";
import { DeliveryHealth } from "./DeliveryHealth.tsx";
import { DeliveryTable } from "./DeliveryTable.tsx";
import { reasonsOf } from "./delivery-health.ts";

/** What the list is narrowed to; empty strings mean "any". */
export type DeliveryFilter = { channel: string; status: string; reason: string; journeyId: string };
const ANY: DeliveryFilter = { channel: "", status: "", reason: "", journeyId: "" };

/** The outbox as a screen: every delivery by status and reason, filters, retries, one message's rounds, and health. */
export function DeliveriesPage({ seq }: { seq?: number | undefined }) {
  const [journeys, setJourneys] = useState<JourneyRecord[]>([]);
  useEffect(() => {
    api
      .listJourneys()
      .then(setJourneys)
      .catch(() => {});
  }, []);
  return (
    <div className="list-page">
      <WorkspaceNav current="deliveries" />
      {seq ? <DeliveryDetail seq={seq} journeys={journeys} /> : <DeliveryList journeys={journeys} />}
    </div>
  );
}

function DeliveryList({ journeys }: { journeys: JourneyRecord[] }) {
  const [filter, setFilter] = useState<DeliveryFilter>(ANY);
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [recent, setRecent] = useState<OutboxEntry[]>([]);
  const [circuits, setCircuits] = useState<OutboxCircuit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    const { reason: _reason, ...server } = filter;
    deliveryApi
      .outbox(server)
      .then(setEntries)
      .catch((e: Error) => setError(e.message));
    deliveryApi
      .outbox({})
      .then(setRecent)
      .catch(() => {});
    deliveryApi
      .circuits()
      .then(setCircuits)
      .catch(() => {});
  }, [filter]);
  useEffect(load, [load]);
  // Rows on their way change on their own: follow them while any is shown.
  const moving = entries?.some((e) => e.status === "pending" || e.status === "sending") ?? false;
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(load, 3_000);
    return () => clearInterval(timer);
  }, [moving, load]);

  const shown = entries?.filter((e) => !filter.reason || e.reason === filter.reason) ?? null;
  const set = (patch: Partial<DeliveryFilter>) => setFilter({ ...filter, ...patch });

  const retry = async (seqs: number[]) => {
    setNotice(null);
    const results = await Promise.allSettled(seqs.map((s) => deliveryApi.retry(s)));
    const failed = results.filter((r) => r.status === "rejected").length;
    setNotice(
      failed === 0
        ? `${seqs.length} ${seqs.length === 1 ? "delivery" : "deliveries"} queued to send again.`
        : `${seqs.length - failed} queued again; ${failed} could not be (only dead deliveries can be retried).`,
    );
    load();
  };

  return (
    <main className="list-main wide">
      <div className="list-head">
        <h1>Deliveries</h1>
        <button type="button" onClick={load}>
          Refresh
        </button>
      </div>
      <p className="muted page-intro">
        Every email, notification and webhook call your journeys sent or tried to send, newest first.
      </p>
      <DeliveryHealth recent={recent} circuits={circuits} />
      <search className="filter-bar" aria-label="Filter deliveries">
        <Select
          label="Channel"
          value={filter.channel}
          onChange={(channel) => set({ channel })}
          options={channelSteps().map((c) => [c.spec.channel, c.spec.label] as [string, string])}
        />
        <Select
          label="Status"
          value={filter.status}
          onChange={(status) => set({ status })}
          options={[
            ["pending", "Waiting or retrying"],
            ["sent", "Sent"],
            ["skipped", "Skipped"],
            ["dead", "Dead"],
          ]}
        />
        <Select
          label="Reason"
          value={filter.reason}
          onChange={(reason) => set({ reason })}
          options={reasonsOf(entries ?? []).map((r) => [r.reason, `${reasonInWords(r.reason)} (${r.count})`])}
        />
        <Select
          label="Journey"
          value={filter.journeyId}
          onChange={(journeyId) => set({ journeyId })}
          options={journeys.map((j) => [j.id, j.name])}
        />
      </search>
      {error && <p className="error-text">{error}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {shown === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <DeliveryTable entries={shown} journeys={journeys} onRetry={(seqs) => void retry(seqs)} />
      )}
    </main>
  );
}

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<[string, string]> | Array<readonly [string, string]>;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">Any</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
