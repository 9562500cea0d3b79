import { useState } from "react";
import { ApiError } from "../../api/api-client.ts";
import { deliveryApi } from "../../api/delivery-api.ts";
import { routeHref } from "../../route.ts";
import type { TemplateUse } from "./template-usage.ts";

/**
 * Delete, asked first. Refused while a live journey sends the template (the server refuses too: customers would get
 * nothing); drafts that use it are named in the question, since their email steps will then have nothing to send.
 */
export function TemplateDelete({ templateId, name, uses }: { templateId: string; name: string; uses: TemplateUse[] }) {
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const live = uses.filter((u) => u.where === "live");
  const journeys = new Set(live.map((u) => u.journeyId)).size;
  const drafts = [...new Set(uses.filter((u) => u.where === "draft").map((u) => u.journeyName))];

  const remove = async () => {
    try {
      await deliveryApi.deleteTemplate(templateId);
      location.hash = routeHref({ page: "templates" });
    } catch (e) {
      setRefusal(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <>
      <button type="button" className="danger-outline" onClick={() => setAsking(true)}>
        Delete
      </button>
      {asking && (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-label="Delete the template">
            <h2>{live.length > 0 ? `"${name}" is in use` : `Delete "${name}"?`}</h2>
            {live.length > 0 ? (
              <p className="error-text">
                It cannot be deleted: {[...new Set(live.map((u) => `"${u.journeyName}"`))].join(", ")}{" "}
                {journeys === 1 ? "sends" : "send"} it to customers now. Publish{" "}
                {live.length === 1 ? "that journey" : "those journeys"} without it, or archive them, first.
              </p>
            ) : drafts.length > 0 ? (
              <p>
                The draft{drafts.length === 1 ? "" : "s"} of {drafts.map((d) => `"${d}"`).join(", ")} still use
                {drafts.length === 1 ? "s" : ""} it: their email steps will have nothing to send until you pick another
                template.
              </p>
            ) : (
              <p>No journey uses it. This cannot be undone.</p>
            )}
            {refusal && <p className="error-text">{refusal}</p>}
            <div className="modal-actions">
              <button type="button" onClick={() => setAsking(false)}>
                {live.length > 0 ? "Close" : "Cancel"}
              </button>
              {live.length === 0 && (
                <button type="button" className="danger" onClick={() => void remove()}>
                  Delete template
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
