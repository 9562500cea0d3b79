import { randomUUID } from "node:crypto";
import type { Json } from "@overture/core";
import type { IncomingEvent, IngestResult } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
import type { Problem } from "../errors.ts";
import type { EventService } from "../runtime-types.ts";
import type { NewEvent, Store } from "../store/store.ts";

const MAX_NAME = 200;

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True when the event holds text no database can keep: a NUL character (PostgreSQL text and jsonb refuse it) or a
 * lone UTF-16 surrogate (not valid Unicode). Refused per event, so one bad event never fails its batch.
 */
export function unstorableText(value: unknown): boolean {
  return unstorableTextPath(value) !== null;
}

/**
 * Where the first such text is, as a path into `value` (`properties.note`, `properties.tags[2]`; a key holding one
 * names the key itself); `""` when `value` is such a text; null when there is none.
 */
export function unstorableTextPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      const at = path === "" ? key : `${path}.${key}`;
      if (UNSTORABLE.test(key)) return at;
      const found = unstorableTextPath(v, at);
      if (found !== null) return found;
    }
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What the stores cannot keep, as said in every refusal of it. */
export const UNSTORABLE_TEXT_MESSAGE = "texts may not contain NUL characters or unpaired UTF-16 surrogates";

/** Why an event cannot be stored, with the field at fault; null when it can. */
function eventProblem(e: IncomingEvent): Problem | null {
  const problem = (path: string, code: string, message: string): Problem => ({ path, code, message });
  if (typeof e?.name !== "string" || e.name.length === 0 || e.name.length > MAX_NAME)
    return problem("name", "invalid_event", "name must be a non-empty text of at most 200 characters");
  if (typeof e.customerId !== "string" || e.customerId.length === 0)
    return problem("customerId", "invalid_event", "customerId must be a non-empty text");
  if (e.properties !== undefined && !isObject(e.properties))
    return problem("properties", "invalid_event", "properties must be an object");
  if (e.at !== undefined && !Number.isFinite(e.at)) return problem("at", "invalid_event", "at must be a time");
  const path = unstorableTextPath(e);
  return path === null ? null : problem(path, "unstorable_text", `${path || "event"}: ${UNSTORABLE_TEXT_MESSAGE}`);
}

/**
 * The batch's customers that were erased and not identified since (one indexed lookup for the batch). An `identify`
 * event (Segment's identify, or one sent as such) identifies its customer again: their tombstone is lifted and the
 * batch's events for them are kept (docs/decisions/0036).
 */
async function erasedCustomers(store: Store, workspaceId: string, events: IncomingEvent[]): Promise<Set<string>> {
  const ids = events.map((e) => e?.customerId).filter((id): id is string => typeof id === "string" && id.length > 0);
  if (ids.length === 0) return new Set();
  const erased = await store.customerData.tombstoned(workspaceId, ids);
  for (const e of events) {
    if (e?.name !== "identify" || !erased.has(e.customerId)) continue;
    await store.customerData.lift(workspaceId, e.customerId);
    erased.delete(e.customerId);
  }
  return erased;
}

/** Durable ingestion: events are committed before the call returns; matching happens later in the engine. */
export function createEventService(store: Store, clock: Clock): EventService {
  return {
    async ingest(workspaceId, events) {
      const result: IngestResult = { accepted: 0, duplicates: 0, errors: [] };
      const rows: NewEvent[] = [];
      const attributes: Array<{ id: string; attributes: Record<string, Json> }> = [];
      const now = clock.now();
      const erased = await erasedCustomers(store, workspaceId, events);
      const dropped: number[] = [];
      events.forEach((e, index) => {
        const problem = eventProblem(e);
        if (problem) {
          result.errors.push({ index, code: "invalid_event", message: problem.message, problems: [problem] });
          return;
        }
        if (erased.has(e.customerId)) {
          dropped.push(index);
          return;
        }
        rows.push({
          workspaceId,
          id: e.id ?? randomUUID(),
          name: e.name,
          customerId: e.customerId,
          properties: (e.properties ?? {}) as Record<string, Json>,
          // A time in the future is taken as now: only simulations schedule events ahead (through the store).
          at: e.at === undefined ? now : Math.min(e.at, now),
          receivedAt: now,
        });
        attributes.push({ id: e.customerId, attributes: (e.attributes ?? {}) as Record<string, Json> });
      });
      if (attributes.some((a) => Object.keys(a.attributes).length > 0)) {
        await store.upsertCustomers(
          workspaceId,
          attributes.filter((a) => Object.keys(a.attributes).length > 0),
          now,
        );
      }
      const inserted = rows.length > 0 ? await store.insertEvents(rows) : 0;
      result.accepted = inserted;
      result.duplicates = rows.length - inserted;
      if (dropped.length > 0)
        result.dropped = {
          count: dropped.length,
          code: "customer_erased",
          message: "events of an erased customer are dropped until the customer is identified again",
          indexes: dropped,
        };
      return result;
    },
  };
}
