import { enrichContentViews } from "@overture/channels";
import { type IncomingEvent, type IngestResult, InputError, type Problem } from "@overture/runtime";
import type { OvertureApi } from "./route.ts";

/** One item of a request after validation: an event to store, or why it was refused. */
export type MappedItem =
  | { ok: true; event: IncomingEvent }
  | { ok: false; code: string; message: string; problems: Problem[] };

/** A batch's outcome: what was stored, what was already there, and each refused item by its index in the request. */
export type BatchResult = {
  accepted: number;
  duplicates: number;
  errors: Array<{ index: number; code: string; message: string; problems?: Problem[] }>;
  /** Events of erased customers left out, by index in the request (docs/decisions/0036). */
  dropped?: IngestResult["dropped"];
};

/**
 * Stores the valid items in one call and reports the refused ones by their index in the request, whether the server
 * refused them (bad shape) or the runtime did; the valid ones are kept either way.
 */
export async function ingestItems(
  overture: OvertureApi,
  workspaceId: string,
  items: MappedItem[],
): Promise<BatchResult> {
  const events: IncomingEvent[] = [];
  const requestIndex: number[] = [];
  const errors: BatchResult["errors"] = [];
  items.forEach((item, index) => {
    if (item.ok) {
      events.push(item.event);
      requestIndex.push(index);
    } else {
      errors.push({ index, code: item.code, message: item.message, problems: item.problems });
    }
  });
  if (events.length === 0) return { accepted: 0, duplicates: 0, errors };
  const result = await overture.events.ingest(workspaceId, await enrichEvents(overture, workspaceId, events));
  for (const error of result.errors) errors.push({ ...error, index: requestIndex[error.index] ?? error.index });
  errors.sort((a, b) => a.index - b.index);
  const dropped = result.dropped && {
    ...result.dropped,
    indexes: result.dropped.indexes.map((i) => requestIndex[i] ?? i),
  };
  return { accepted: result.accepted, duplicates: result.duplicates, errors, ...(dropped ? { dropped } : {}) };
}

/** Stores one event, or throws the reason it was refused as an InputError (a single event has no index to report). */
export async function ingestOne(overture: OvertureApi, workspaceId: string, item: MappedItem): Promise<BatchResult> {
  const result = await ingestItems(overture, workspaceId, [item]);
  const error = result.errors[0];
  if (error)
    throw new InputError(
      error.code,
      error.message,
      error.problems ?? [{ path: "", code: error.code, message: error.message }],
    );
  return result;
}

/** Pre-ingest hook: content.viewed events get their item's topics (and their views are kept for recommendations). */
function enrichEvents(
  overture: OvertureApi,
  workspaceId: string,
  events: IncomingEvent[],
): Promise<IncomingEvent[]> | IncomingEvent[] {
  const { store } = overture;
  return store ? enrichContentViews(store, workspaceId, events, overture.clock.now()) : events;
}
