import type { Store } from "@overture/runtime";
import { recommend } from "../content/recommend.ts";
import { type ResolveRecommendations, resolveUrl } from "./email-context.ts";

/**
 * Recommendation items from the workspace's content library (see content/recommend.ts), with site-relative item
 * addresses made absolute on the portal, as links in an email must be.
 */
export function recommendationsFromLibrary(store: Store, portalUrl: string | (() => string)): ResolveRecommendations {
  return async (workspaceId, customerId, { topics, count }) => {
    const { items } = await recommend(store, workspaceId, customerId, { count, topics });
    const base = resolveUrl(portalUrl);
    return items.map(({ id, title, summary, url, topics }) => ({
      id,
      title,
      summary,
      url: url.startsWith("/") ? `${base}${url}` : url,
      topics,
    }));
  };
}
