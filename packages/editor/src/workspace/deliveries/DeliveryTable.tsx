import { useState } from "react";
import type { JourneyRecord } from "../../api/api-client.ts";
import type { OutboxEntry } from "../../api/delivery-api.ts";
import { localTime } from "../../model/customer-words.ts";
import { reasonInWords } from "../../model/delivery-figures.ts";
import { routeHref } from "../../route.ts";
import { outcomeWords, stepLabel } from "./delivery-words.ts";

/** The deliveries as rows; dead ones can be ticked and retried together. */
export function DeliveryTable({
  entries,
  journeys,
  onRetry,
}: {
  entries: OutboxEntry[];
  journeys: JourneyRecord[];
  onRetry: (seqs: number[]) => void;
}) {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const dead = entries.filter((e) => e.status === "dead");
  const chosen = dead.filter((e) => picked.has(e.seq)).map((e) => e.seq);
  const toggle = (seq: number) => {
    const next = new Set(picked);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    setPicked(next);
  };
  if (entries.length === 0) return <p className="empty-state">No deliveries match these filters.</p>;
  return (
    <>
      <div className="selection-bar">
        <span className="muted">
          {entries.length} {entries.length === 1 ? "delivery" : "deliveries"}
          {dead.length > 0 && ` · ${dead.length} dead`}
        </span>
        <button
          type="button"
          className="primary"
          disabled={chosen.length === 0}
          onClick={() => {
            onRetry(chosen);
            setPicked(new Set());
          }}
        >
          Retry selected{chosen.length > 0 ? ` (${chosen.length})` : ""}
        </button>
      </div>
      <table className="journey-table delivery-table">
        <thead>
          <tr>
            <th className="pick">
              <input
                type="checkbox"
                aria-label="Select every dead delivery"
                disabled={dead.length === 0}
                checked={dead.length > 0 && chosen.length === dead.length}
                onChange={(e) => setPicked(new Set(e.target.checked ? dead.map((d) => d.seq) : []))}
              />
            </th>
            <th>When</th>
            <th>Customer</th>
            <th>Journey · step</th>
            <th>Channel</th>
            <th>Status</th>
            <th>Reason</th>
            <th className="num">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const label = stepLabel(e, journeys);
            return (
              <tr key={e.seq} data-seq={e.seq}>
                <td className="pick">
                  {e.status === "dead" && (
                    <input
                      type="checkbox"
                      aria-label={`Select delivery ${e.seq}`}
                      checked={picked.has(e.seq)}
                      onChange={() => toggle(e.seq)}
                    />
                  )}
                </td>
                <td>
                  <a className="journey-link" href={routeHref({ page: "deliveries", seq: e.seq })}>
                    {localTime(e.createdAt)}
                  </a>
                </td>
                <td>{e.customerId}</td>
                <td>
                  {label.journey} <span className="muted">· {label.step}</span>
                </td>
                <td className="capitalize">{e.channel}</td>
                <td>
                  <span className={`outcome outcome-${e.outcome}`}>{outcomeWords(e.outcome)}</span>
                </td>
                <td className="muted">{reasonInWords(e.reason)}</td>
                <td className="num">{e.attempts}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
