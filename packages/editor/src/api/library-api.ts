import { contract as c, type SlotSchema } from "@overture/api-contract";
import type { ContentUsage, ContentUse } from "@overture/core";
import type { z } from "zod";
import { asJourneyRecord, call, request } from "./api-client.ts";

/** A content item of the library (GET /v1/content); written here until content joins the API contract. */
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
export type Slot = z.output<typeof SlotSchema>;
/** Where each content item and slot is used (GET /v1/usage): the shapes core's `findContentUsage` answers with. */
export type { ContentUsage, ContentUse };

/** The calls of the workspace screens (journeys list, content library). */
export const libraryApi = {
  updateJourney: (id: string, meta: { name?: string; tags?: string[]; owner?: string }) =>
    request(c.updateJourney, { params: { id }, body: meta }).then(asJourneyRecord),
  duplicateJourney: (id: string) => request(c.duplicateJourney, { params: { id } }).then(asJourneyRecord),
  createJourney: (input: { name: string; document: unknown; tags?: string[] }) =>
    request(c.createJourney, { body: { ...input, document: input.document as Record<string, unknown> } }).then(
      asJourneyRecord,
    ),
  listContent: () => call<{ items: ContentItem[] }>("GET", "/v1/content").then((r) => r.items),
  createContent: (item: ContentInput & { id: string }) => call<ContentItem>("POST", "/v1/content", item),
  putContent: (id: string, item: ContentInput) =>
    call<ContentItem>("PUT", `/v1/content/${encodeURIComponent(id)}`, item),
  listSlots: () => request(c.listSlots).then((r) => r.slots),
  putSlot: (name: string, slot: { defaultContentId: string | null; description: string }) =>
    request(c.putSlot, { params: { name }, body: slot }),
  usage: (): Promise<ContentUsage> => request(c.contentUsage),
};
