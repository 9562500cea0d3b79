import { randomUUID } from "node:crypto";
import type { Json } from "@overture/core";
import type { IngestResult } from "../api.ts";
import type { Clock } from "../clock/clock.ts";
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
  if (typeof value === "string") return UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.some(unstorableText);
  if (value && typeof value === "object") return Object.entries(value).some(([key, v]) => UNSTORABLE.test(key) || unstorableText(v));
  return false;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Durable ingestion: events are committed before the call returns; matching happens later in the engine. */
export function createEventService(store: Store, clock: Clock): EventService {
  return {
    async ingest(workspaceId, events) {
      const result: IngestResult = { accepted: 0, duplicates: 0, errors: [] };
      const rows: NewEvent[] = [];
      const attributes: Array<{ id: string; attributes: Record<string, Json> }> = [];
      const now = clock.now();
      events.forEach((e, index) => {
        const problem =
          typeof e?.name !== "string" || e.name.length === 0 || e.name.length > MAX_NAME
            ? "name must be a non-empty text of at most 200 characters"
            : typeof e.customerId !== "string" || e.customerId.length === 0
              ? "customerId must be a non-empty text"
              : e.properties !== undefined && !isObject(e.properties)
                ? "properties must be an object"
                : e.at !== undefined && !Number.isFinite(e.at)
                  ? "at must be a time"
                  : unstorableText(e)
                    ? "texts may not contain NUL characters or unpaired UTF-16 surrogates"
                    : null;
        if (problem) {
          result.errors.push({ index, code: "invalid_event", message: problem });
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
      return result;
    },
  };
}
