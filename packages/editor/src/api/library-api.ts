import type { ContentUsage, ContentUse } from "@overture/core";
import { call, type JourneyRecord } from "./api-client.ts";

/** A content item of the library (GET /v1/content). */
export type ContentItem = {
  id: string;
  title: string;
  summary: string;
  url: string;
  type: string;
  topics: string[];
  body?: string;
  imageUrl?: string;
  createdAt: number;
};
/** What a content form sends (the id goes in the path). */
export type ContentInput = Omit<ContentItem, "id" | "createdAt">;
/** A named place in the portal and what it shows by default (GET /v1/slots). */
export type Slot = { name: string; defaultContentId: string | null; description: string; updatedAt: number };
/** Where each content item and slot is used (GET /v1/usage): the shapes core's `findContentUsage` answers with. */
export type { ContentUsage, ContentUse };

const j = (id: string) => `/v1/journeys/${encodeURIComponent(id)}`;

/** The calls of the workspace screens (journeys list, content library). */
export const libraryApi = {
  updateJourney: (id: string, meta: { name?: string; tags?: string[]; owner?: string }) =>
    call<JourneyRecord>("PUT", j(id), meta),
  duplicateJourney: (id: string) => call<JourneyRecord>("POST", `${j(id)}/duplicate`),
  createJourney: (input: { name: string; document: unknown; tags?: string[] }) =>
    call<JourneyRecord>("POST", "/v1/journeys", input),
  listContent: () => call<{ items: ContentItem[] }>("GET", "/v1/content").then((r) => r.items),
  createContent: (item: ContentInput & { id: string }) => call<ContentItem>("POST", "/v1/content", item),
  putContent: (id: string, item: ContentInput) =>
    call<ContentItem>("PUT", `/v1/content/${encodeURIComponent(id)}`, item),
  listSlots: () => call<{ slots: Slot[] }>("GET", "/v1/slots").then((r) => r.slots),
  putSlot: (name: string, slot: { defaultContentId: string | null; description: string }) =>
    call<Slot>("PUT", `/v1/slots/${encodeURIComponent(name)}`, slot),
  usage: () => call<ContentUsage>("GET", "/v1/usage"),
};
