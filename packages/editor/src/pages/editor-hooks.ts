import type { JourneyDocument } from "@overture/core";
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { api, type JourneyStats } from "../api/api-client.ts";

/** How long after the last edit the draft is saved. */
export const AUTOSAVE_DELAY_MS = 600;

/** Saves the draft a moment after each edit (PUT /v1/journeys/:id/draft); says whether it is saved. */
export function useAutosave(
  journeyId: string,
  document: JourneyDocument | null,
  enabled: boolean,
): "saved" | "saving" | "error" {
  const [state, setState] = useState<"saved" | "saving" | "error">("saved");
  const first = useRef<JourneyDocument | null>(document);
  useEffect(() => {
    if (!enabled || document === null) return;
    if (first.current === null) first.current = document;
    if (document === first.current) return;
    setState("saving");
    const timer = setTimeout(() => {
      api.saveDraft(journeyId, document).then(
        () => setState("saved"),
        () => setState("error"),
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [journeyId, document, enabled]);
  return state;
}

/** The running version's figures, refreshed every 2 s while `enabled`. */
export function useLiveStats(journeyId: string, version: number | undefined, enabled: boolean): JourneyStats | null {
  return usePolled(() => api.stats(journeyId, version), [journeyId, version], enabled);
}

/**
 * What `load` answers, asked now and every `intervalMs` while `enabled` (null while disabled or before the first
 * answer). A failed load keeps the last answer: live figures should not blink on one lost request.
 */
export function usePolled<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  enabled: boolean,
  intervalMs = 2000,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new closure each render; `deps` say what it reads
  useEffect(() => {
    if (!enabled) {
      setValue(null);
      return;
    }
    let live = true;
    const tick = () =>
      load().then(
        (v) => live && setValue(v),
        () => undefined,
      );
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [...deps, enabled, intervalMs]);
  return value;
}

/** A scrolling box that goes back to its top whenever `shown` changes (another step's panel is not read from the middle). */
export function useScrollTopOn<T extends HTMLElement>(shown: string): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: running again when what is shown changes is the point
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [shown]);
  return ref;
}
