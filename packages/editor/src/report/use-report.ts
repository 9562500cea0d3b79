import { useEffect, useState } from "react";
import type { ReportRange } from "../api/segment-api.ts";

/** A report being loaded for a range: the last answer stays on screen while the next one loads. */
export type ReportState<T> = { report: T | null; loading: boolean; error: string | null };

/** Loads a report whenever its range changes; an answer to an older range that arrives late is dropped. */
export function useReport<T>(load: (range: ReportRange) => Promise<T>, range: ReportRange | null): ReportState<T> {
  const [state, setState] = useState<ReportState<T>>({ report: null, loading: range !== null, error: null });
  const key = JSON.stringify(range);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the range's value (its key) decides, not its identity
  useEffect(() => {
    if (range === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load(range).then(
      (report) => current && setState({ report, loading: false, error: null }),
      (e: Error) => current && setState((s) => ({ ...s, loading: false, error: e.message })),
    );
    return () => {
      current = false;
    };
  }, [key, load]);
  return state;
}
