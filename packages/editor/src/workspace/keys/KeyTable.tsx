import { useState } from "react";
import type { ApiKey } from "../../api/team-api.ts";

const OVERLAPS = [
  { label: "no overlap", seconds: 0 },
  { label: "1 hour", seconds: 3_600 },
  { label: "1 day", seconds: 86_400 },
  { label: "7 days", seconds: 7 * 86_400 },
  { label: "30 days", seconds: 30 * 86_400 },
];

const when = (ms: number | null) => (ms === null ? "—" : new Date(ms).toLocaleString());

/** The keys, masked, with their state; revoke (confirmed) and rotate (with an overlap) on the active ones. */
export function KeyTable({
  keys,
  onRevoke,
  onRotate,
}: {
  keys: ApiKey[];
  onRevoke: (id: string) => Promise<void>;
  onRotate: (id: string, overlapSeconds: number) => Promise<void>;
}) {
  if (keys.length === 0) return <p className="empty-state">No keys yet.</p>;
  return (
    <table className="journey-table key-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Scopes</th>
          <th>Key</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>State</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <KeyRow key={key.id} apiKey={key} onRevoke={onRevoke} onRotate={onRotate} />
        ))}
      </tbody>
    </table>
  );
}

function KeyRow({
  apiKey,
  onRevoke,
  onRotate,
}: {
  apiKey: ApiKey;
  onRevoke: (id: string) => Promise<void>;
  onRotate: (id: string, overlapSeconds: number) => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [overlap, setOverlap] = useState(86_400);
  const active = apiKey.state === "active";
  return (
    <tr data-key-id={apiKey.id}>
      <td>
        <b>{apiKey.name}</b>
        {apiKey.createdBy && <span className="muted"> · by {apiKey.createdBy}</span>}
      </td>
      <td>{apiKey.scopes.join(", ")}</td>
      <td>
        <code className="key-hint">{apiKey.hint}</code>
      </td>
      <td className="muted">{when(apiKey.createdAt)}</td>
      <td className="muted">{when(apiKey.lastUsedAt)}</td>
      <td className="muted">{when(apiKey.expiresAt)}</td>
      <td className={`key-state key-${apiKey.state}`}>{apiKey.state}</td>
      <td className="key-actions">
        {active && !confirming && (
          <>
            <select
              className="overlap-select"
              aria-label="Overlap"
              value={overlap}
              onChange={(e) => setOverlap(Number(e.target.value))}
            >
              {OVERLAPS.map((o) => (
                <option key={o.seconds} value={o.seconds}>
                  {o.label}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void onRotate(apiKey.id, overlap)}>
              Rotate
            </button>
            <button type="button" className="link danger-link" onClick={() => setConfirming(true)}>
              Revoke
            </button>
          </>
        )}
        {active && confirming && (
          <span role="alertdialog" aria-label={`Revoke ${apiKey.name}`}>
            Revoke <b>{apiKey.name}</b>? It stops working at once.{" "}
            <button type="button" className="danger" onClick={() => void onRevoke(apiKey.id)}>
              Revoke key
            </button>{" "}
            <button type="button" className="link" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
