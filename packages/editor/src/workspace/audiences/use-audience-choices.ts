import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import { type Segment, segmentApi } from "../../api/segment-api.ts";
import type { JourneyChoice } from "./builder-context.ts";
import type { RuleNames } from "./segment-words.ts";

/** The journeys (with their steps) and segments the rule pickers offer, and the names the summary uses for their ids. */
export function useAudienceChoices(): {
  journeys: JourneyChoice[];
  segments: Segment[];
  names: RuleNames;
  reload(): void;
} {
  const [journeys, setJourneys] = useState<JourneyChoice[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [round, setRound] = useState(0);
  useEffect(() => {
    void round;
    api
      .listJourneys()
      .then((list) =>
        setJourneys(
          list.map((j) => ({
            id: j.id,
            name: j.name,
            steps: (j.draft?.steps ?? []).map((s) => ({ id: s.id, name: s.name ?? s.id })),
          })),
        ),
      )
      .catch(() => {});
    segmentApi
      .list()
      .then(setSegments)
      .catch(() => {});
  }, [round]);
  const names: RuleNames = {
    journeyName: (id) => journeys.find((j) => j.id === id)?.name,
    stepName: (journeyId, stepId) => journeys.find((j) => j.id === journeyId)?.steps.find((s) => s.id === stepId)?.name,
    segmentName: (id) => segments.find((s) => s.id === id)?.name,
  };
  return { journeys, segments, names, reload: () => setRound((r) => r + 1) };
}
