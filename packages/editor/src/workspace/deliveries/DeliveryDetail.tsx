import { useCallback, useEffect, useState } from "react";
import { ApiError, type JourneyRecord } from "../../api/api-client.ts";
import { deliveryApi, type OutboxEntry, type OutboxRound } from "../../api/delivery-api.ts";
import { localTime, plainReason } from "../../model/customer-words.ts";
import { reasonInWords } from "../../model/delivery-figures.ts";
import { routeHref } from "../../route.ts";
import { outcomeWords, stepLabel } from "./delivery-words.ts";

const ROUND_WORDS: Record<OutboxRound["status"], string> = { sent: "Sent", dead: "Dead", skipped: "Skipped" };

/** One message: where it came from, what it carries, each finished round (dead, retried, sent) and a retry when dead. */
export function DeliveryDetail({ seq, journeys }: { seq: number; journeys: JourneyRecord[] }) {
  const [entry, setEntry] = useState<(OutboxEntry & { rounds: OutboxRound[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    deliveryApi
      .outboxEntry(seq)
      .then(setEntry)
      .catch((e: unknown) =>
        setError(e instanceof ApiError && e.status === 404 ? "This delivery does not exist." : String(e)),
      );
  }, [seq]);
  useEffect(load, [load]);
  // While it is on its way, follow it: the dispatcher's next attempt shows without a reload.
  const moving = entry !== null && (entry.status === "pending" || entry.status === "sending");
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(load, 2_000);
    return () => clearInterval(timer);
  }, [moving, load]);

  const retry = async () => {
    try {
      await deliveryApi.retry(seq);
      setNotice("Queued to send again: it goes out on the next dispatcher pass.");
      load();
    } catch (e) {
      setNotice(e instanceof ApiError ? e.message : String(e));
    }
  };

  const back = (
    <a className="back-link" href={routeHref({ page: "deliveries" })}>
      ← Deliveries
    </a>
  );
  if (error)
    return (
      <main className="list-main">
        {back}
        <p className="error-text">{error}</p>
      </main>
    );
  if (!entry) return <p className="centered muted">Loading…</p>;
  const label = stepLabel(entry, journeys);
  return (
    <main className="list-main">
      {back}
      <div className="list-head">
        <h1>
          {label.journey} · {label.step}
        </h1>
        <div className="head-actions">
          <span className={`outcome outcome-${entry.outcome}`}>{outcomeWords(entry.outcome)}</span>
          {entry.status === "dead" && (
            <button type="button" className="primary" onClick={() => void retry()}>
              Retry this delivery
            </button>
          )}
        </div>
      </div>
      {notice && (moving || !notice.startsWith("Queued")) && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="detail-grid">
        <section className="card" aria-label="Delivery">
          <dl className="facts">
            <dt>Customer</dt>
            <dd>{entry.customerId}</dd>
            <dt>Channel</dt>
            <dd className="capitalize">{entry.channel}</dd>
            <dt>Created</dt>
            <dd>{localTime(entry.createdAt)}</dd>
            <dt>Attempts this round</dt>
            <dd>{entry.attempts}</dd>
            {entry.status === "pending" && (
              <>
                <dt>Next attempt</dt>
                <dd>{localTime(entry.nextAttemptAt)}</dd>
              </>
            )}
            {entry.reason && (
              <>
                <dt>Reason</dt>
                <dd>{reasonInWords(entry.reason)}</dd>
              </>
            )}
            {entry.lastError && (
              <>
                <dt>Last error</dt>
                <dd className="mono">{plainReason(entry.lastError)}</dd>
              </>
            )}
            <dt>Version</dt>
            <dd>
              <a href={routeHref({ page: "journey", journeyId: entry.journeyId, version: entry.version })}>
                v{entry.version}
              </a>
            </dd>
          </dl>
        </section>
        <section className="card" aria-label="Attempts">
          <h2>Attempts</h2>
          {entry.rounds.length === 0 ? (
            <p className="muted">
              {entry.attempts === 0 ? "Not tried yet." : `${entry.attempts} attempt(s) so far, none finished.`}
            </p>
          ) : (
            <ol className="rounds">
              {entry.rounds.map((r) => (
                <li key={`${r.at}-${r.status}`} className={`round round-${r.status}`}>
                  <span className={`outcome outcome-${r.status}`}>{ROUND_WORDS[r.status]}</span>{" "}
                  <span className="muted">{localTime(r.at)}</span>
                  {r.detail && <div className="mono round-detail">{plainReason(r.detail)}</div>}
                </li>
              ))}
              {entry.status !== "sent" && entry.status !== "dead" && entry.status !== "skipped" && (
                <li className="round">
                  <span className={`outcome outcome-${entry.outcome}`}>{outcomeWords(entry.outcome)}</span>{" "}
                  <span className="muted">
                    {entry.attempts === 0
                      ? "retried, waiting for its next attempt"
                      : `attempt ${entry.attempts} failed; next ${localTime(entry.nextAttemptAt)}`}
                  </span>
                </li>
              )}
            </ol>
          )}
        </section>
      </div>
      <details className="card payload">
        <summary>What it carries</summary>
        <pre className="mono">{JSON.stringify(entry.payload, null, 2)}</pre>
      </details>
    </main>
  );
}
