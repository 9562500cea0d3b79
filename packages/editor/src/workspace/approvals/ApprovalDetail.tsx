import "../../pages/review.css";
import { useCallback, useEffect, useState } from "react";
import { type ApprovalRequestDetail, approvalApi, reviewWords, whenWords } from "../../api/approval-api.ts";
import { routeHref } from "../../route.ts";

/**
 * One review request: who asked and why, what the draft changes against the running version in plain lines, and —
 * while it waits — Approve (publishes the draft reviewed) and Reject (a comment says why).
 */
export function ApprovalDetail({ requestId }: { requestId: string }) {
  const [request, setRequest] = useState<ApprovalRequestDetail | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    () =>
      approvalApi
        .get(requestId)
        .then(setRequest)
        .catch((e: Error) => setError(e.message)),
    [requestId],
  );
  useEffect(() => {
    load();
  }, [load]);

  const decide = async (decision: "approve" | "reject") => {
    setError(null);
    setNotice(null);
    if (decision === "reject" && !comment.trim()) {
      setError("Say why in the comment: the requester reads it.");
      return;
    }
    setBusy(true);
    try {
      const done = await approvalApi[decision](requestId, comment);
      setNotice(decision === "approve" ? `Approved: version ${done.publishedVersion} is published.` : "Rejected.");
      setComment("");
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      await load();
    }
  };

  if (!request)
    return error ? (
      <p className="error-text" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">Loading…</p>
    );
  return (
    <article className="approval-detail" aria-label="Review request">
      <p>
        <a href={routeHref({ page: "approvals" })}>← All requests</a>
      </p>
      <h1>Review: {request.journeyName}</h1>
      <p>
        Asked by <strong>{request.requestedBy.name}</strong>, {whenWords(request.requestedAt)}
        {request.baseVersion ? `, against version ${request.baseVersion}` : ", a journey never published"}.{" "}
        <a href={routeHref({ page: "journey", journeyId: request.journeyId })}>Open the journey</a>
      </p>
      {request.note && <blockquote className="approval-note">{request.note}</blockquote>}
      <p className={`approval-state approval-${request.status}`} role="status">
        {reviewWords(request)}
      </p>
      <section aria-label="Changes">
        <h2>What it changes</h2>
        <ul className="approval-diff">
          {request.diff.lines.map((line, i) => (
            // Lines may repeat (two steps changed alike): the index keeps them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered
            <li key={i}>{line}</li>
          ))}
        </ul>
      </section>
      {notice && <p className="notice">{notice}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {request.status === "pending" && (
        <section className="approval-decision" aria-label="Decision">
          <label>
            Comment
            <textarea
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              rows={3}
              placeholder="Required to reject; said to the requester"
            />
          </label>
          <div className="modal-actions">
            <button type="button" disabled={busy} onClick={() => decide("reject")}>
              Reject
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => decide("approve")}>
              Approve and publish
            </button>
          </div>
        </section>
      )}
    </article>
  );
}
