import { describeEvent, type StepNames } from "@overture/core";
import type { Catalog } from "../api/api-client.ts";
import type { ComboOption } from "./Combobox.tsx";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Event names, most frequent first, in words with their raw name and how often they were seen. */
export function eventOptions(catalog: Catalog): ComboOption[] {
  return catalog.events.map((e) => ({
    value: e.name,
    label: describeEvent(e.name),
    hint: `${plural(e.count, "time")} recently`,
  }));
}

/** The property names seen on one event (every event's when the name is unknown). */
export function propertyOptions(catalog: Catalog, eventName: string): ComboOption[] {
  const events = catalog.events.filter((e) => e.name === eventName);
  const names = new Set((events.length > 0 ? events : catalog.events).flatMap((e) => e.properties));
  return [...names].sort().map((value) => ({ value }));
}

/** Profile attributes with a few values seen. */
export function attributeOptions(catalog: Catalog): ComboOption[] {
  return catalog.attributes.map((a) => ({
    value: a.name,
    hint: a.samples.length > 0 ? `e.g. ${a.samples.slice(0, 3).join(", ")}` : undefined,
  }));
}

/** Content topics. */
export function topicOptions(catalog: Catalog): ComboOption[] {
  return catalog.topics.map((value) => ({ value }));
}

/** Slots with their description. */
export function slotOptions(catalog: Catalog): ComboOption[] {
  return catalog.slots.map((s) => ({ value: s.name, hint: s.description || undefined }));
}

/** Webhook endpoints with their URL. */
export function endpointOptions(catalog: Catalog): ComboOption[] {
  return catalog.webhookEndpoints.map((e) => ({ value: e.name, hint: e.url }));
}

/**
 * Titles of content items, names of saved templates and of segments, so step summaries name them rather than their
 * ids.
 */
export function catalogNames(catalog: Catalog, segments: ReadonlyArray<{ id: string; name: string }> = []): StepNames {
  return {
    contentTitle: (id) => catalog.content.find((c) => c.id === id)?.title,
    templateName: (id) => catalog.emailTemplates?.find((t) => t.id === id)?.name,
    segmentName: (id) => segments.find((s) => s.id === id)?.name,
  };
}

/** Saved email templates: the id written into the step, the name and subject shown. */
export function templateOptions(catalog: Catalog): ComboOption[] {
  return (catalog.emailTemplates ?? []).map((t) => ({ value: t.id, label: t.name, hint: t.subject }));
}
