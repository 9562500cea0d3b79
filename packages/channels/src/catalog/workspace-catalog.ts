import type { Store } from "@overture/runtime";
import { listContent } from "../content/content-library.ts";
import { listEmailTemplates } from "../email/email-templates.ts";
import { ensurePortalSchemasOnce } from "../portal-identity/portal-schemas.ts";
import { listSlots } from "../slots/slots.ts";
import { ensureWebhookSchema, listWebhookEndpointTargets } from "../webhook/webhook-endpoints.ts";

/** An event name the workspace has received, how often among the recent events, and the property names seen on it. */
export type CatalogEvent = { name: string; count: number; properties: string[] };
/** A profile attribute seen on customers, how many sampled profiles have it, and a few of its values. */
export type CatalogAttribute = { name: string; count: number; samples: Array<string | number | boolean> };

/**
 * What the workspace has actually seen, for the editor's pickers: event names, attributes, content topics and items,
 * slots, webhook endpoints and saved email templates. Events and profiles are sampled (the most recent `eventSample` events, `customerSample`
 * profiles), so the catalog costs the same on a workspace of a million customers as on one of ten.
 */
export type WorkspaceCatalog = {
  events: CatalogEvent[];
  attributes: CatalogAttribute[];
  topics: string[];
  content: Array<{ id: string; title: string; summary: string; type: string; topics: string[]; imageUrl?: string }>;
  slots: Array<{ name: string; description: string; defaultContentId: string | null }>;
  webhookEndpoints: Array<{ name: string; url: string }>;
  /** Saved email templates an email step can name. */
  emailTemplates: Array<{ id: string; name: string; subject: string }>;
  /** How many recent events and profiles were looked at. */
  sampled: { events: number; customers: number };
};

/** Options of {@link readWorkspaceCatalog}. */
export type CatalogOptions = { eventSample?: number; customerSample?: number };

const MAX_PROPERTIES = 50;
const webhookSchemaReady = new WeakSet<Store>();
const MAX_SAMPLES = 5;

/** Reads the catalog of a workspace (see {@link WorkspaceCatalog}); missing feature tables are created first. */
export async function readWorkspaceCatalog(
  store: Store,
  workspaceId: string,
  options: CatalogOptions = {},
): Promise<WorkspaceCatalog> {
  await ensurePortalSchemasOnce(store);
  // Migrating takes PostgreSQL's migration lock: once per store and process is enough.
  if (!webhookSchemaReady.has(store)) {
    await ensureWebhookSchema(store);
    webhookSchemaReady.add(store);
  }
  const sample = await store.catalogSample(workspaceId, {
    events: options.eventSample ?? 2000,
    customers: options.customerSample ?? 500,
  });
  const items = await listContent(store, workspaceId);
  const slots = await listSlots(store, workspaceId);
  const endpoints = await listWebhookEndpointTargets(store, workspaceId);
  const templates = await listEmailTemplates(store, workspaceId);
  return {
    events: summarizeEvents(sample.events),
    attributes: summarizeAttributes(sample.attributes),
    topics: [...new Set(items.flatMap((i) => i.topics))].sort(),
    content: items.map((i) => ({
      id: i.id,
      title: i.title,
      summary: i.summary,
      type: i.type,
      topics: i.topics,
      ...(i.imageUrl ? { imageUrl: i.imageUrl } : {}),
    })),
    slots: slots.map((s) => ({ name: s.name, description: s.description, defaultContentId: s.defaultContentId })),
    webhookEndpoints: endpoints.map((e) => ({ name: e.name, url: e.url })),
    emailTemplates: templates.map((t) => ({ id: t.id, name: t.name, subject: t.subject })),
    sampled: { events: sample.events.length, customers: sample.attributes.length },
  };
}

/** Event names by count (most frequent first), each with its property names as dotted paths ("plan.tier"). */
export function summarizeEvents(
  events: Array<{ name: string; properties: Record<string, unknown> | null }>,
): CatalogEvent[] {
  const byName = new Map<string, { count: number; properties: Set<string> }>();
  for (const event of events) {
    // `$schedule` and other `$` names are the engine's own, not something a customer did.
    if (event.name.startsWith("$")) continue;
    let entry = byName.get(event.name);
    if (!entry) {
      entry = { count: 0, properties: new Set() };
      byName.set(event.name, entry);
    }
    entry.count++;
    if (entry.properties.size < MAX_PROPERTIES)
      for (const path of propertyPaths(event.properties)) entry.properties.add(path);
  }
  return [...byName]
    .map(([name, e]) => ({ name, count: e.count, properties: [...e.properties].sort().slice(0, MAX_PROPERTIES) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Attribute names by how many profiles have them, each with up to five distinct scalar values. */
export function summarizeAttributes(profiles: Array<Record<string, unknown> | null>): CatalogAttribute[] {
  const byName = new Map<string, { count: number; samples: Set<string | number | boolean> }>();
  for (const attributes of profiles) {
    for (const [name, value] of Object.entries(attributes ?? {})) {
      let entry = byName.get(name);
      if (!entry) {
        entry = { count: 0, samples: new Set() };
        byName.set(name, entry);
      }
      entry.count++;
      const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
      if (scalar && entry.samples.size < MAX_SAMPLES && String(value).length <= 100) entry.samples.add(value);
    }
  }
  return [...byName]
    .map(([name, a]) => ({ name, count: a.count, samples: [...a.samples] }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Property names, with nested objects one level deep as dotted paths (conditions reach them that way). */
function propertyPaths(properties: Record<string, unknown> | null): string[] {
  if (!properties || typeof properties !== "object") return [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    paths.push(key);
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      for (const inner of Object.keys(value)) paths.push(`${key}.${inner}`);
  }
  return paths;
}
