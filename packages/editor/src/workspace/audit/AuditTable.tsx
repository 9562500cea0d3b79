import { Fragment, useState } from "react";
import type { AuditEntry } from "../../api/team-api.ts";

/** The entries, newest first: when, who, what, object, from where; a click on a row shows its diff and details. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (entries.length === 0) return <p className="empty-state">No entries match these filters.</p>;
  return (
    <table className="journey-table audit-table">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>What</th>
          <th>Object</th>
          <th>From where</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <Fragment key={e.seq}>
            <tr
              className={e.outcome === "failure" ? "audit-row audit-failure" : "audit-row"}
              aria-expanded={open === e.seq}
              onClick={() => setOpen(open === e.seq ? null : e.seq)}
            >
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>
                {e.actor.name} <span className="muted">({e.actor.kind})</span>
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.object ? `${e.object.type} ${e.object.id}` : "—"}</td>
              <td className="muted">
                {e.ip || "—"} · {e.userAgent || "—"}
              </td>
            </tr>
            {open === e.seq && (
              <tr className="audit-detail">
                <td colSpan={5}>
                  <AuditDetail entry={e} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

function AuditDetail({ entry }: { entry: AuditEntry }) {
  return (
    <section className="audit-diff" aria-label="Changes">
      {entry.diff ? (
        <ul>
          {entry.diff.map((d) => (
            <li key={`${d.type}:${d.path.join(".")}`} className={`diff-${d.type.toLowerCase()}`}>
              <code>{d.path.join(".")}</code>{" "}
              {d.type === "CHANGE" && (
                <>
                  <del>{show(d.oldValue)}</del> → <ins>{show(d.value)}</ins>
                </>
              )}
              {d.type === "CREATE" && <ins>+ {show(d.value)}</ins>}
              {d.type === "REMOVE" && <del>− {show(d.oldValue)}</del>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No document diff for this entry.</p>
      )}
      <p className="muted">
        {entry.operationId} · {entry.outcome} ({entry.status})
      </p>
      {entry.detail && <pre className="audit-body">{JSON.stringify(entry.detail, null, 2)}</pre>}
    </section>
  );
}
