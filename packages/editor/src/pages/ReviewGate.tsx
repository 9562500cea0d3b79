import "./review.css";
import { useCallback, useEffect, useState } from "react";
import { type ApprovalRequest, approvalApi, reviewWords } from "../api/approval-api.ts";
import { routeHref } from "../route.ts";
import { RequestReviewDialog } from "./RequestReviewDialog.tsx";

/**
 * The journey editor's publishing control under approvals (issue 13): the last review request's state ("Review
 * requested by Ann, 10:42", "Approved by Bob: 'looks good'"), and — when the workspace requires approval — a "Request
 * review" button in place of Publish, which saves the draft and asks with a note.
 */
export function ReviewGate(props: {
  journeyId: string;
  /** Saves the draft on screen, so the request snapshots what the author sees. */
  save: () => Promise<unknown>;
  /** Neither publishing nor review while the draft has problems (`title` says why) or the journey is archived. */
  disabled: boolean;
  title: string;
  /** Opens the publish dialog (approvals off). */
  onPublish: () => void;
  onMessage: (text: string) => void;
  /** What the member's role allows: publishing (approvals off) or asking for review (approvals on). */
  may: { publish: boolean; request: boolean };
}) {
  const { journeyId, save, onMessage } = props;
  const [required, setRequired] = useState(false);
  const [latest, setLatest] = useState<ApprovalRequest | null>(null);
  const [asking, setAsking] = useState<"closed" | "open" | "busy">("closed");
  const refresh = useCallback(async () => {
    const [settings, requests] = await Promise.all([approvalApi.settings(), approvalApi.list({ journeyId })]);
    setRequired(settings.required);
    setLatest(requests[0] ?? null);
  }, [journeyId]);
  useEffect(() => {
    // Without approvals (an older server, a key that may not read them) the editor publishes as before.
    refresh().catch(() => {});
  }, [refresh]);

  const send = async (note: string) => {
    setAsking("busy");
    try {
      await save();
      await approvalApi.requestReview(journeyId, note);
      await refresh();
      setAsking("closed");
      onMessage("Review requested: a publisher approves it on the Approvals screen, which publishes this draft.");
    } catch (e) {
      setAsking("closed");
      onMessage((e as Error).message);
    }
  };

  const allowed = required ? props.may.request : props.may.publish;
  return (
    <>
      {latest && (
        // On a live journey at 1280 px the bar is full: the line gives way (whole on hover) and opens the request.
        <a
          className={`review-state approval-${latest.status}`}
          href={routeHref({ page: "approvals", requestId: latest.id })}
          title={reviewWords(latest)}
        >
          {reviewWords(latest)}
        </a>
      )}
      <button
        type="button"
        className="primary"
        disabled={props.disabled || !allowed}
        title={
          !allowed
            ? required
              ? "Your role cannot ask for review: an editor or above can"
              : "Your role cannot publish: a publisher, admin or owner can"
            : props.disabled || !required
              ? props.title
              : "Ask a publisher to review and publish this draft"
        }
        onClick={() => (required ? setAsking("open") : props.onPublish())}
      >
        {required ? "Request review" : "Publish"}
      </button>
      {asking !== "closed" && (
        <RequestReviewDialog busy={asking === "busy"} onSend={send} onCancel={() => setAsking("closed")} />
      )}
    </>
  );
}
