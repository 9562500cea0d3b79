import { describe, expect, it } from "vitest";
import type { JourneyRecord } from "../api.ts";
import { InputError } from "../errors.ts";
import { copyOf, normalizeTags, withMeta } from "./journey-meta.ts";

const source: JourneyRecord = {
  workspaceId: "w",
  id: "renewal",
  name: "Renewal reminder",
  status: "active",
  draft: { schemaVersion: 1, name: "Renewal reminder", steps: [{ id: "start" }] },
  currentVersion: 3,
  tags: ["Billing"],
  owner: "ana@example.com",
  createdAt: 1,
  updatedAt: 2,
};

describe("journey meta (issue 15: the journeys list)", () => {
  it("trims tags and files a journey once per tag whatever its case", () => {
    expect(normalizeTags([" Billing ", "billing", "", "Q3   renewals"])).toEqual(["Billing", "Q3 renewals"]);
  });

  it("refuses a tag over 50 characters, naming it", () => {
    let error: unknown = null;
    try {
      normalizeTags(["ok", "x".repeat(51)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]?.path).toBe("tags[1]");
  });

  it("renames into the draft too, and refuses an empty name", () => {
    const renamed = withMeta(source, { name: " Renewals ", owner: " bo " }, 9);
    expect(renamed).toMatchObject({ name: "Renewals", owner: "bo", tags: ["Billing"], updatedAt: 9 });
    expect((renamed.draft as { name: string }).name).toBe("Renewals");
    expect(() => withMeta(source, { name: "  " }, 9)).toThrow(InputError);
  });

  it("copies as a never-published draft named 'X (copy)', keeping the draft, tags and owner", () => {
    const copy = copyOf(source, "new-id", 5);
    expect(copy).toMatchObject({
      id: "new-id",
      name: "Renewal reminder (copy)",
      status: "draft",
      currentVersion: null,
      tags: ["Billing"],
      owner: "ana@example.com",
      createdAt: 5,
    });
    expect(copy.draft).toEqual({ schemaVersion: 1, name: "Renewal reminder (copy)", steps: [{ id: "start" }] });
  });
});
