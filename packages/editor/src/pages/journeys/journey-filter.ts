import type { JourneyRecord } from "../../api/api-client.ts";

export type JourneyStatus = JourneyRecord["status"];
/** The statuses the list filters by, in lifecycle order. */
export const JOURNEY_STATUSES: JourneyStatus[] = ["draft", "active", "paused", "archived"];

/** What the journeys list is narrowed to: text, a status, a tag, an owner ("" for any; NOBODY for journeys without one). */
export type JourneyFilter = { search: string; status: JourneyStatus | "all"; tag: string; owner: string };
export const NOBODY = "\u0000nobody";

/** The journeys that pass `filter`, most recently changed first. Text matches the name, a tag or the owner. */
export function filterJourneys(journeys: JourneyRecord[], filter: JourneyFilter): JourneyRecord[] {
  const needle = filter.search.trim().toLowerCase();
  return journeys
    .filter((j) => filter.status === "all" || j.status === filter.status)
    .filter((j) => !filter.tag || (j.tags ?? []).includes(filter.tag))
    .filter((j) => !filter.owner || (filter.owner === NOBODY ? !j.owner : j.owner === filter.owner))
    .filter(
      (j) => !needle || [j.name, j.owner ?? "", ...(j.tags ?? [])].some((text) => text.toLowerCase().includes(needle)),
    )
    .sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
}

/** How many journeys have each status (for the filter's counts). */
export function countByStatus(journeys: JourneyRecord[]): Record<JourneyStatus | "all", number> {
  const counts = { all: journeys.length, draft: 0, active: 0, paused: 0, archived: 0 };
  for (const j of journeys) counts[j.status]++;
  return counts;
}

/** Every tag and every owner in use, sorted, for the filters' menus. */
export function tagsAndOwners(journeys: JourneyRecord[]): { tags: string[]; owners: string[] } {
  const tags = new Set(journeys.flatMap((j) => j.tags ?? []));
  const owners = new Set(journeys.map((j) => j.owner ?? "").filter(Boolean));
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { tags: sort(tags), owners: sort(owners) };
}

/** Tags as typed in the list ("Billing, Q3"): split on commas, trimmed, empty ones dropped. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** "just now", "5 minutes ago", "yesterday", then the local date: how long ago a journey changed. */
export function formatModified(at: number, now: number, locale?: string): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return "just now";
  const words = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (seconds < 3600) return words.format(-Math.round(seconds / 60), "minute");
  if (seconds < 86_400) return words.format(-Math.round(seconds / 3600), "hour");
  if (seconds < 7 * 86_400) return words.format(-Math.round(seconds / 86_400), "day");
  return new Date(at).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric" });
}
