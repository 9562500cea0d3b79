import { useEffect, useState } from "react";
import { api, type Catalog } from "../api/api-client.ts";

const EMPTY: Catalog = {
  events: [],
  attributes: [],
  topics: [],
  content: [],
  slots: [],
  webhookEndpoints: [],
  emailTemplates: [],
  sampled: { events: 0, customers: 0 },
};

/** How long a loaded catalog is reused by panels opened one after another (a new endpoint shows within seconds). */
const FRESH_MS = 15_000;
let cached: { at: number; catalog: Promise<Catalog> } | null = null;

function loadCatalog(): Promise<Catalog> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    // A server without the catalog (or offline) leaves the pickers empty: free text still works.
    const catalog = api.catalog().catch(() => EMPTY);
    cached = { at: Date.now(), catalog };
  }
  return cached.catalog;
}

/** What the workspace has seen (event names, attributes, topics, content, slots, endpoints), shared by every panel. */
export function useCatalog(): Catalog {
  const [catalog, setCatalog] = useState<Catalog>(EMPTY);
  useEffect(() => {
    let live = true;
    void loadCatalog().then((c) => live && setCatalog(c));
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}
