import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { type Segment, segmentApi } from "../../api/segment-api.ts";
import { routeHref } from "../../route.ts";

/**
 * Delete, asked first. The server refuses (409) while an active journey uses the segment: the refusal names those
 * journeys, and the screen names them too so the user knows what to change.
 */
export function SegmentDelete({ segment }: { segment: Segment }) {
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; why: string[] } | null>(null);
  const active = segment.usedBy.filter((u) => u.status === "active");
  const remove = async () => {
    try {
      await segmentApi.remove(segment.id);
      location.hash = routeHref({ page: "audiences" });
    } catch (e) {
      // A 409 names each journey (or segment) that needs this one, one problem each.
      setRefusal(
        e instanceof ApiError
          ? { message: e.message, why: e.problems.map((p) => p.message) }
          : { message: String(e), why: [] },
      );
    }
  };
  return (
    <>
      <button type="button" className="danger-outline" onClick={() => setAsking(true)}>
        Delete
      </button>
      {asking && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-label="Delete the segment">
            <h2>Delete “{segment.name}”?</h2>
            {segment.usedBy.length > 0 ? (
              <p>
                Used by {segment.usedBy.map((u) => `“${u.name}” (${u.status})`).join(", ")}.
                {active.length > 0 &&
                  " A segment an active journey uses cannot be deleted: pause or change those journeys first."}
              </p>
            ) : (
              <p>No journey uses it. This cannot be undone.</p>
            )}
            {refusal && (
              <div className="error-text" role="alert">
                <p>{refusal.message}</p>
                {refusal.why.length > 0 && (
                  <ul>
                    {refusal.why.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <div className="modal-actions">
              <button type="button" onClick={() => setAsking(false)}>
                Cancel
              </button>
              <button type="button" className="danger" onClick={() => void remove()}>
                Delete segment
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
