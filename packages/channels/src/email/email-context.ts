import type { Json } from "@overture/core";
import type { EmailContext } from "./render-email.ts";

/** A content item as templates see it in `recommendations.items`. */
export type RecommendedContent = { id: string; title: string; summary: string; url: string; topics: string[] };

/**
 * Resolves a recommend step's topics into content items for one customer (the content library provides it; without
 * one, emails get no items).
 */
export type ResolveRecommendations = (
  workspaceId: string,
  customerId: string,
  request: { topics: string[]; count: number },
) => Promise<RecommendedContent[]>;

/** The default resolver: no content library, no items. */
export const noRecommendations: ResolveRecommendations = async () => [];

/** Options of {@link buildEmailContext}. */
export type EmailContextInput = {
  workspaceId: string;
  customer: { id: string; attributes: Record<string, Json> };
  /** The instance's journey context at the email step (`trigger`, recommend results…). */
  journeyContext: Record<string, Json>;
  /** Context keys filled by recommend steps: their items are resolved now. */
  recommendKeys: string[];
  resolveRecommendations: ResolveRecommendations;
  unsubscribeUrl: string;
  portalUrl: string;
};

/**
 * The Liquid context of one email: `customer` (id and attributes), `event` (the triggering event's properties),
 * the journey context at top level (`trigger`, `recommendations` with `items` resolved at send time),
 * `links.unsubscribe` and `portalUrl`.
 */
export async function buildEmailContext(input: EmailContextInput): Promise<EmailContext> {
  const context: Record<string, unknown> = { ...input.journeyContext };
  for (const key of input.recommendKeys) {
    const value = context[key];
    if (!isObject(value)) continue;
    const topics = Array.isArray(value.topics) ? value.topics.filter((t): t is string => typeof t === "string") : [];
    const count = typeof value.count === "number" ? value.count : 3;
    context[key] = {
      ...value,
      items: await input.resolveRecommendations(input.workspaceId, input.customer.id, { topics, count }),
    };
  }
  const trigger = input.journeyContext.trigger;
  const event = isObject(trigger) && isObject(trigger.properties) ? trigger.properties : {};
  return {
    ...context,
    customer: { ...input.customer.attributes, id: input.customer.id },
    event,
    links: { unsubscribe: input.unsubscribeUrl },
    portalUrl: input.portalUrl,
  };
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An address given as text, or as a function when it is known only once the server listens. */
export function resolveUrl(url: string | (() => string)): string;
export function resolveUrl(url: string | (() => string) | undefined): string | undefined;
export function resolveUrl(url: string | (() => string) | undefined): string | undefined {
  return typeof url === "function" ? url() : url;
}
