import { useState } from "react";
import type { JourneyRecord, JourneyStats } from "../../api/api-client.ts";
import { routeHref } from "../../route.ts";
import { formatModified, parseTags } from "./journey-filter.ts";

type Props = {
  journey: JourneyRecord;
  stats: JourneyStats | undefined;
  now: number;
  onDuplicate: () => Promise<void>;
  onSave: (meta: { tags: string[]; owner: string }) => Promise<void>;
};

/** One journey of the list: name and tags, status, owner, last change, figures, and its actions (edit details, duplicate). */
export function JourneyRow({ journey: j, stats, now, onDuplicate, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    work().finally(() => setBusy(false));
  };
  return (
    <>
      <tr>
        <td>
          <a href={routeHref({ page: "journey", journeyId: j.id })} className="journey-link">
            {j.name}
          </a>
          {(j.tags ?? []).length > 0 && (
            <div className="row-sub">
              {(j.tags ?? []).map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </div>
          )}
        </td>
        <td>
          <span className={`status status-${j.status}`}>{j.status}</span>
          <div className="row-sub">{j.currentVersion ? `v${j.currentVersion} live` : "never published"}</div>
        </td>
        <td>{j.owner ? j.owner : <span className="muted">Nobody</span>}</td>
        <td title={new Date(j.updatedAt).toLocaleString()}>{formatModified(j.updatedAt, now)}</td>
        <td className="num">{stats?.entered ?? "—"}</td>
        <td className="num">{stats?.converted ?? "—"}</td>
        <td>
          <div className="row-actions">
            <button type="button" aria-label={`Edit details of ${j.name}`} onClick={() => setEditing(!editing)}>
              Details
            </button>
            <button type="button" aria-label={`Duplicate ${j.name}`} disabled={busy} onClick={() => run(onDuplicate)}>
              Duplicate
            </button>
          </div>
        </td>
      </tr>
      {editing && (
        <tr className="editing">
          <td colSpan={7}>
            <DetailsForm
              journey={j}
              busy={busy}
              onCancel={() => setEditing(false)}
              onSave={(meta) => run(() => onSave(meta).then(() => setEditing(false)))}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function DetailsForm(props: {
  journey: JourneyRecord;
  busy: boolean;
  onCancel: () => void;
  onSave: (meta: { tags: string[]; owner: string }) => void;
}) {
  const [tags, setTags] = useState((props.journey.tags ?? []).join(", "));
  const [owner, setOwner] = useState(props.journey.owner ?? "");
  return (
    <form
      className="inline-form"
      aria-label={`Details of ${props.journey.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave({ tags: parseTags(tags), owner: owner.trim() });
      }}
    >
      <label>
        Tags, separated by commas
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="Billing, Q3 campaign" />
      </label>
      <label>
        Owner (a name or an email)
        <input value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="ana@example.com" />
      </label>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={props.busy}>
        Save details
      </button>
    </form>
  );
}
