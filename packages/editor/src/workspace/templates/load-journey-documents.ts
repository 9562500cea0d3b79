import { api } from "../../api/api-client.ts";
import type { JourneyDocuments } from "./template-usage.ts";

/** Every journey with its draft and current published version: what "where is it used" looks through. */
export async function loadJourneyDocuments(): Promise<JourneyDocuments[]> {
  const journeys = await api.listJourneys();
  return Promise.all(
    journeys.map(async (j) => {
      const version = j.currentVersion === null ? null : await api.version(j.id, j.currentVersion).catch(() => null);
      return {
        id: j.id,
        name: j.name,
        status: j.status,
        draft: j.draft,
        published: version ? { version: version.version, document: version.document } : null,
      };
    }),
  );
}
