import { named } from "@overture/api-contract";
import type { Json } from "@overture/core";
import type { IncomingEvent, Problem } from "@overture/runtime";
import { z } from "zod";
import type { MappedItem } from "../ingest.ts";
import { unstorableTextProblem } from "../map-event.ts";
import { zodProblems } from "../parse-request.ts";

/**
 * Segment's HTTP tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/)
 * mapped onto Overture events. Pure: the routes validate and store what this returns.
 *
 * - track → the event as named, with its properties;
 * - identify → an `identify` event whose traits are merged into the customer's attributes (and also its properties);
 * - page → `page.viewed`, screen → `screen.viewed`, with `name` and `category` added to the properties;
 * - userId (else anonymousId) → the customer id; messageId → the event id (resends are accepted once);
 * - group and alias → refused with `unsupported_type` (Overture does not merge identities).
 */

/** The Segment calls Overture stores. */
export const SEGMENT_TYPES = ["identify", "track", "page", "screen"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

const JsonObject = z.record(z.string(), z.unknown());
const Time = z.union([z.string(), z.number()]).describe("ISO 8601 date-time (or epoch milliseconds).");
const UserId = z.union([z.string().max(200), z.number()]).nullish();

const common = {
  type: z.string().optional(),
  userId: UserId.describe("Your id for the user; the Overture customer id."),
  anonymousId: UserId.describe("Used as the customer id when there is no userId."),
  messageId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Becomes the event id: a resend with the same messageId is accepted once."),
  timestamp: Time.optional(),
  originalTimestamp: Time.optional(),
  sentAt: Time.optional(),
  context: JsonObject.optional(),
  integrations: JsonObject.optional(),
};

export const SegmentTrack = named(
  "SegmentTrack",
  z.object({
    ...common,
    event: z.string().min(1).max(200).describe("The event name."),
    properties: JsonObject.optional(),
  }),
);
export const SegmentIdentify = named("SegmentIdentify", z.object({ ...common, traits: JsonObject.optional() }));
export const SegmentPage = named(
  "SegmentPage",
  z.object({
    ...common,
    name: z.string().max(500).optional(),
    category: z.string().max(500).optional(),
    properties: JsonObject.optional(),
  }),
);

const SCHEMAS = { track: SegmentTrack, identify: SegmentIdentify, page: SegmentPage, screen: SegmentPage } as const;

/** Most messages one Segment batch may hold. */
export const MAX_SEGMENT_BATCH = 10_000;

/** The envelope of /v1/batch (and /v1/import). */
export const SegmentBatchEnvelope = z.object({
  batch: z.array(z.unknown()).min(1).max(MAX_SEGMENT_BATCH),
  context: JsonObject.optional(),
  integrations: JsonObject.optional(),
  writeKey: z.string().optional(),
  sentAt: Time.optional(),
});

/** How /v1/batch is documented: each message carries its `type`. */
export const SegmentBatchInput = named(
  "SegmentBatch",
  SegmentBatchEnvelope.extend({
    batch: z
      .array(z.union([SegmentTrack, SegmentIdentify, SegmentPage]))
      .min(1)
      .max(MAX_SEGMENT_BATCH)
      .describe("Messages with `type` identify, track, page or screen; others are reported by index."),
  }),
);

/** Options for mapping: when the request arrived, and the context a batch gives all its messages. */
export type SegmentMapOptions = { receivedAt: number; context?: Record<string, unknown>; sentAt?: unknown };

/** Maps one Segment message of a known `type` to an event, or says why it cannot be stored. */
export function mapSegmentMessage(type: string, raw: unknown, options: SegmentMapOptions): MappedItem {
  if (type === "")
    return refused([{ path: "type", code: "required", message: "type is required: identify, track, page or screen" }]);
  if (!(SEGMENT_TYPES as readonly string[]).includes(type)) {
    const message = `Segment "${type}" calls are not supported; send identify, track, page or screen.`;
    return {
      ok: false,
      code: "unsupported_type",
      message,
      problems: [{ path: "type", code: "unsupported_type", message }],
    };
  }
  const parsed = SCHEMAS[type as SegmentType].safeParse(raw);
  if (!parsed.success) return refused(zodProblems(parsed.error));
  const msg = parsed.data as z.infer<typeof SegmentTrack> &
    z.infer<typeof SegmentIdentify> &
    z.infer<typeof SegmentPage>;
  // Only what is stored is checked, named as the message has it (traits.note, not attributes.note).
  const { userId, anonymousId, messageId, event: name, name: pageName, category, properties: props, traits } = msg;
  const unstorable = unstorableTextProblem({
    userId,
    anonymousId,
    messageId,
    event: name,
    name: pageName,
    category,
    properties: props,
    traits,
  });
  if (unstorable) return refused([unstorable]);

  const problems: Problem[] = [];
  const customerId = idText(msg.userId) ?? idText(msg.anonymousId);
  if (customerId === undefined)
    problems.push({ path: "userId", code: "required", message: "userId or anonymousId is required" });
  const at = eventTime(msg, options, problems);
  if (customerId === undefined || problems.length > 0) return refused(problems);

  const properties = { ...(msg.properties ?? {}) } as Record<string, Json>;
  const event: IncomingEvent = { name: eventName(type as SegmentType, msg.event), customerId, properties };
  if (msg.messageId !== undefined) event.id = msg.messageId;
  if (at !== undefined) event.at = at;
  if (type === "identify") {
    const context = { ...options.context, ...msg.context };
    const attributes = { ...(msg.traits ?? {}) } as Record<string, Json>;
    // Segment's libraries report the browser's time zone in context; the journey's time-of-day waits need it.
    if (attributes.timezone === undefined && typeof context.timezone === "string")
      attributes.timezone = context.timezone;
    event.attributes = attributes;
    event.properties = { ...attributes };
  }
  if ((type === "page" || type === "screen") && properties.name === undefined && msg.name !== undefined)
    properties.name = msg.name;
  if ((type === "page" || type === "screen") && properties.category === undefined && msg.category !== undefined)
    properties.category = msg.category;
  return { ok: true, event };
}

function eventName(type: SegmentType, event: string | undefined): string {
  if (type === "track") return event ?? "";
  if (type === "page") return "page.viewed";
  if (type === "screen") return "screen.viewed";
  return "identify";
}

function idText(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** The event time: `timestamp` as given, else `originalTimestamp` corrected for the client's clock skew, as Segment does. */
function eventTime(
  msg: { timestamp?: unknown; originalTimestamp?: unknown; sentAt?: unknown },
  options: SegmentMapOptions,
  problems: Problem[],
): number | undefined {
  const timestamp = readTime(msg.timestamp, "timestamp", problems);
  if (timestamp !== undefined) return timestamp;
  const original = readTime(msg.originalTimestamp, "originalTimestamp", problems);
  if (original === undefined) return undefined;
  const sentAt = readTime(msg.sentAt ?? options.sentAt, "sentAt", problems);
  return sentAt === undefined ? original : Math.max(0, options.receivedAt - (sentAt - original));
}

function readTime(value: unknown, path: string, problems: Problem[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "number" ? value : Date.parse(String(value));
  if (Number.isFinite(ms) && ms >= 0) return ms;
  problems.push({ path, code: "invalid_date", message: `${path} must be an ISO 8601 date-time` });
  return undefined;
}

function refused(problems: Problem[]): MappedItem {
  const detail = problems.map((p) => `${p.path || "message"}: ${p.message}`).join("; ");
  return { ok: false, code: "invalid_event", message: `The message is not valid: ${detail}`, problems };
}

/** Maps every message of a Segment batch; each keeps its index so refusals can be reported by it. */
export function mapSegmentBatch(envelope: z.infer<typeof SegmentBatchEnvelope>, receivedAt: number): MappedItem[] {
  const options: SegmentMapOptions = { receivedAt, context: envelope.context, sentAt: envelope.sentAt };
  return envelope.batch.map((raw) => {
    const type =
      raw !== null && typeof raw === "object" && "type" in raw && typeof raw.type === "string" ? raw.type : "";
    return mapSegmentMessage(type, raw, options);
  });
}
