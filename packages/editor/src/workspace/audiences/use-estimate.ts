import type { SegmentRule } from "@overture/core";
import { useEffect, useState } from "react";
import { type SegmentEstimate, segmentApi } from "../../api/segment-api.ts";

/** How long the rule must stay still before it is estimated: one call per pause in typing, not per keystroke. */
export const ESTIMATE_PAUSE_MS = 400;

/** The estimate of the rule on screen: the latest answer, whether a newer one is coming, or why there is none. */
export type EstimateState = { estimate: SegmentEstimate | null; pending: boolean; error: string | null };

/**
 * The live size estimate while a rule is edited: asked ~400 ms after the last change; an answer to an older rule
 * that arrives late is dropped, so the figure always belongs to the rule on screen.
 */
export function useEstimate(rule: SegmentRule | null): EstimateState {
  const [state, setState] = useState<EstimateState>({ estimate: null, pending: false, error: null });
  const key = rule ? JSON.stringify(rule) : "";
  useEffect(() => {
    if (!key) return;
    let current = true;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      segmentApi
        .estimate(JSON.parse(key) as SegmentRule)
        .then((estimate) => current && setState({ estimate, pending: false, error: null }))
        .catch((e: Error) => current && setState({ estimate: null, pending: false, error: e.message }));
    }, ESTIMATE_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}
