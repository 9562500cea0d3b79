import type { SegmentRuleNames } from "@overture/core";
import { useEffect, useState } from "react";
import { api } from "../../api/api-client.ts";
import { type Segment, segmentApi } from "../../api/segment-api.ts";
import type { JourneyChoice } from "./builder-context.ts";

/** The journeys (with their steps) and segments the rule pickers offer, and the names the summary uses for their ids. */
export function useAudienceChoices(): {
  journeys: JourneyChoice[];
  segments: Segment[];
  names: SegmentRuleNames;
  /** Both lists have arrived, so a name missing from them is really unknown. */
  loaded: boolean;
  reload(): void;
} {
  const [journeys, setJourneys] = useState<JourneyChoice[]>([]);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [round, setRound] = useState(0);
  const [arrived, setArrived] = useState({ journeys: false, segments: false });
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
      .catch(() => {})
      .finally(() => setArrived((a) => ({ ...a, journeys: true })));
    segmentApi
      .list()
      .then(setSegments)
      .catch(() => {})
      .finally(() => setArrived((a) => ({ ...a, segments: true })));
  }, [round]);
  const names: SegmentRuleNames = {
    journeys: Object.fromEntries(journeys.map((j) => [j.id, j.name])),
    segments: Object.fromEntries(segments.map((s) => [s.id, s.name])),
  };
  return {
    journeys,
    segments,
    names,
    loaded: arrived.journeys && arrived.segments,
    reload: () => setRound((r) => r + 1),
  };
}
