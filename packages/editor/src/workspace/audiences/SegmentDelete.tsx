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
  const [refusal, setRefusal] = useState<string | null>(null);
  const active = segment.usedBy.filter((u) => u.status === "active");
  const remove = async () => {
    try {
      await segmentApi.remove(segment.id);
      location.hash = routeHref({ page: "audiences" });
    } catch (e) {
      setRefusal(
        e instanceof ApiError && e.status === 409 ? `${e.message}` : e instanceof Error ? e.message : String(e),
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
              <p className="error-text" role="alert">
                {refusal}
              </p>
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
