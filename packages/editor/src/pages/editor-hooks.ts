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
  // Which document the server last answered for: "saved" means *this* document is saved, so an earlier save finishing
  // while a later edit waits never says "All changes saved" too soon.
  const [settled, setSettled] = useState<{ document: JourneyDocument | null; failed: boolean }>({
    document: null,
    failed: false,
  });
  const first = useRef<JourneyDocument | null>(document);
  if (first.current === null) first.current = document;
  // Saves go one after another, so an older draft never lands after a newer one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    if (!enabled || document === null || document === first.current) return;
    const timer = setTimeout(() => {
      queue.current = queue.current
        .then(() => api.saveDraft(journeyId, document))
        .then(
          () => setSettled({ document, failed: false }),
          () => setSettled({ document, failed: true }),
        );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [journeyId, document, enabled]);
  if (!enabled || document === null || document === first.current) return "saved";
  if (settled.document !== document) return "saving";
  return settled.failed ? "error" : "saved";
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
