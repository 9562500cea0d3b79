import { useEffect, useState } from "react";
import { segmentApi } from "../../api/segment-api.ts";
import { localTime } from "../../model/customer-words.ts";
import { memberAttributes } from "./member-columns.ts";

const PAGE = 50;

type Page = Awaited<ReturnType<typeof segmentApi.members>>;

/** The segment's members, a page at a time in customer id order: id, since when, and a few of their attributes. */
export function SegmentMembers({ segmentId }: { segmentId: string }) {
  // The cursors of the pages before the one shown, so "Previous" goes back without the server counting offsets.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const after = cursors[cursors.length - 1];
  useEffect(() => {
    segmentApi
      .members(segmentId, after, PAGE)
      .then(setPage)
      .catch((e: Error) => setError(e.message));
  }, [segmentId, after]);
  const columns = page ? memberAttributes(page.members.map((m) => m.attributes)) : [];
  const first = (cursors.length - 1) * PAGE + 1;
  return (
    <section className="card" aria-label="Members">
      <div className="list-head">
        <h2>Members</h2>
        {page && page.total > 0 && (
          <span className="muted">
            {first.toLocaleString("en-US")}–{(first + page.members.length - 1).toLocaleString("en-US")} of{" "}
            {page.total.toLocaleString("en-US")}
          </span>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {page === null ? (
        !error && <p className="muted">Loading…</p>
      ) : page.members.length === 0 ? (
        <p className="muted">No customers are in the segment now.</p>
      ) : (
        <table className="journey-table members-table">
          <thead>
            <tr>
              <th>Customer</th>
              <th>In the segment since</th>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.members.map((m) => (
              <tr key={m.customerId}>
                <td className="mono">{m.customerId}</td>
                <td>{localTime(m.since)}</td>
                {columns.map((c) => (
                  <td key={c}>{formatValue(m.attributes[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row-actions">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous
        </button>
        <button
          type="button"
          disabled={!page?.next}
          onClick={() => page?.next && setCursors((c) => [...c, page.next ?? undefined])}
        >
          Next
        </button>
      </div>
    </section>
  );
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
