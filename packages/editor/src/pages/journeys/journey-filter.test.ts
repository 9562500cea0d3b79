import { describe, expect, it } from "vitest";
import type { JourneyRecord } from "../../api/api-client.ts";
import { countByStatus, filterJourneys, formatModified, NOBODY, parseTags, tagsAndOwners } from "./journey-filter.ts";

const journey = (
  id: string,
  status: JourneyRecord["status"],
  tags: string[],
  owner: string,
  updatedAt: number,
): JourneyRecord => ({
  workspaceId: "default",
  id,
  name: `Journey ${id}`,
  status,
  draft: { schemaVersion: 1, name: id, settings: {} as never, steps: [] },
  currentVersion: null,
  tags,
  owner,
  createdAt: 0,
  updatedAt,
});
const all = [
  journey("a", "draft", ["Billing"], "ana", 1),
  journey("b", "active", ["Billing", "Q3"], "", 3),
  journey("c", "paused", [], "bo", 2),
];
const none = { search: "", status: "all" as const, tag: "", owner: "" };

describe("journeys list filters (issue 15)", () => {
  it("lists the most recently changed first and narrows by status, tag, owner and text", () => {
    expect(filterJourneys(all, none).map((j) => j.id)).toEqual(["b", "c", "a"]);
    expect(filterJourneys(all, { ...none, status: "paused" }).map((j) => j.id)).toEqual(["c"]);
    expect(filterJourneys(all, { ...none, tag: "Billing" }).map((j) => j.id)).toEqual(["b", "a"]);
    expect(filterJourneys(all, { ...none, owner: "ana" }).map((j) => j.id)).toEqual(["a"]);
    expect(filterJourneys(all, { ...none, owner: NOBODY }).map((j) => j.id)).toEqual(["b"]);
    expect(filterJourneys(all, { ...none, search: "q3" }).map((j) => j.id)).toEqual(["b"]);
    expect(filterJourneys(all, { ...none, search: "BO" }).map((j) => j.id)).toEqual(["c"]);
  });

  it("counts by status and lists the tags and owners in use", () => {
    expect(countByStatus(all)).toEqual({ all: 3, draft: 1, active: 1, paused: 1, archived: 0 });
    expect(tagsAndOwners(all)).toEqual({ tags: ["Billing", "Q3"], owners: ["ana", "bo"] });
  });

  it("reads typed tags and says how long ago a journey changed", () => {
    expect(parseTags(" Billing, ,Q3 renewals ,")).toEqual(["Billing", "Q3 renewals"]);
    const now = Date.UTC(2026, 5, 15, 12);
    expect(formatModified(now - 10_000, now, "en")).toBe("just now");
    expect(formatModified(now - 5 * 60_000, now, "en")).toBe("5 minutes ago");
    expect(formatModified(now - 86_400_000, now, "en")).toBe("yesterday");
    expect(formatModified(Date.UTC(2026, 0, 2, 12), now, "en")).toBe("Jan 2, 2026");
  });
});
