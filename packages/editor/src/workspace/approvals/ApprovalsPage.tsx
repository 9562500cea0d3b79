import "../workspace.css";
import { useEffect, useState } from "react";
import { type ApprovalRequest, approvalApi, reviewWords, whenWords } from "../../api/approval-api.ts";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { routeHref } from "../../route.ts";
import { ApprovalDetail } from "./ApprovalDetail.tsx";

/** The review requests (issue 13): pending first, then those decided; one opened shows its diff and the decision. */
export function ApprovalsPage({ requestId }: { requestId?: string | undefined }) {
  return (
    <div className="list-page">
      <WorkspaceNav current="approvals" />
      <main className="list-main workspace-main">
        {requestId ? <ApprovalDetail requestId={requestId} /> : <ApprovalList />}
      </main>
    </div>
  );
}

function ApprovalList() {
  const [requests, setRequests] = useState<ApprovalRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    approvalApi
      .list()
      .then(setRequests)
      .catch((e: Error) => setError(e.message));
  }, []);
  const pending = requests?.filter((r) => r.status === "pending") ?? [];
  const decided = requests?.filter((r) => r.status !== "pending") ?? [];
  return (
    <>
      <h1>Approvals</h1>
      <p className="muted">
        Journeys waiting for review, and the decisions taken. Whoever asked cannot decide: another publisher approves
        (which publishes the draft reviewed) or rejects with a comment.
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {requests === null && !error && <p className="muted">Loading…</p>}
      <section aria-label="Pending requests">
        <h2>Waiting for review ({pending.length})</h2>
        {requests !== null && pending.length === 0 && <p className="muted">Nothing waits for review.</p>}
        <RequestTable requests={pending} />
      </section>
      <section aria-label="Decided requests">
        <h2>Decided</h2>
        {requests !== null && decided.length === 0 && <p className="muted">No decision yet.</p>}
        <RequestTable requests={decided} />
      </section>
    </>
  );
}

function RequestTable({ requests }: { requests: ApprovalRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <table className="list-table approvals-table">
      <thead>
        <tr>
          <th>Journey</th>
          <th>Asked by</th>
          <th>Note</th>
          <th>Where it stands</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={routeHref({ page: "approvals", requestId: r.id })}>{r.journeyName}</a>
            </td>
            <td>
              {r.requestedBy.name}, {whenWords(r.requestedAt)}
            </td>
            <td>{r.note}</td>
            <td className={`approval-${r.status}`}>{reviewWords(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
