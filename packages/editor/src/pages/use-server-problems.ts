import type { JourneyDocument } from "@overture/core";
import { useEffect, useState } from "react";
import { type ApiProblem, api } from "../api/api-client.ts";

/** How long after the last edit the server checks the draft on screen. */
export const SERVER_CHECK_DELAY_MS = 400;

/**
 * What the server finds in the draft on screen (POST /v1/journeys/:id/validate with the document): the core's
 * problems, and those only it can find, in templates and in what the workspace holds. Checked a moment after each
 * edit; an answer overtaken by a newer edit is dropped. `report` takes the problems of a refused publish of
 * `document`.
 */
export function useServerProblems(journeyId: string, document: JourneyDocument | null, enabled: boolean) {
  const [answer, setAnswer] = useState<{ document: JourneyDocument | null; problems: ApiProblem[] }>({
    document: null,
    problems: [],
  });
  useEffect(() => {
    if (!enabled || document === null) return;
    let live = true;
    const timer = setTimeout(() => {
      api.validateDraft(journeyId, document).then(
        (problems) => live && setAnswer({ document, problems }),
        // Offline or an older server: the browser's own check still shows; publishing says the rest.
        () => undefined,
      );
    }, SERVER_CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [journeyId, document, enabled]);
  return {
    problems: answer.problems,
    /** Whether the answer is about `document` itself, not an earlier edit of it. */
    current: answer.document !== null && answer.document === document,
    report: (problems: ApiProblem[]) => setAnswer({ document, problems }),
  };
}
