import type { JourneyDocument } from "@overture/core";
import { useEffect, useState } from "react";
import { type ApiProblem, api } from "../api/api-client.ts";

/** How long after the last edit the server checks the draft on screen. */
export const SERVER_CHECK_DELAY_MS = 400;

/**
 * What the server finds in the draft on screen (POST /v1/journeys/:id/validate with the document): the core's
 * problems, and those only it can find, in templates and in what the workspace holds. Checked a moment after each
 * edit; an answer overtaken by a newer edit is dropped. `report` takes the problems of a refused publish.
 */
export function useServerProblems(journeyId: string, document: JourneyDocument | null, enabled: boolean) {
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  useEffect(() => {
    if (!enabled || document === null) return;
    let live = true;
    const timer = setTimeout(() => {
      api.validateDraft(journeyId, document).then(
        (found) => live && setProblems(found),
        // Offline or an older server: the browser's own check still shows; publishing says the rest.
        () => undefined,
      );
    }, SERVER_CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [journeyId, document, enabled]);
  return { problems, report: setProblems };
}
