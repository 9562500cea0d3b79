import type { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { type JourneyDocuments, journeysByTemplate, templateUses } from "./template-usage.ts";

const doc = (steps: Array<{ id: string; name?: string; templateId?: string }>): JourneyDocument =>
  ({
    schemaVersion: 1,
    name: "x",
    steps: [
      { id: "start", type: "trigger", trigger: { type: "event", event: "a" }, next: steps[0]?.id ?? null },
      ...steps.map((s) => ({ ...s, type: "email", subject: "Hi", next: null })),
    ],
  }) as unknown as JourneyDocument;

const journey = (over: Partial<JourneyDocuments> & Pick<JourneyDocuments, "id" | "draft">): JourneyDocuments => ({
  name: over.id,
  status: "draft",
  published: null,
  ...over,
});

describe("templateUses (issue 15, templates screen: where each is used)", () => {
  it("a live journey's step counts once, as live, even when its draft has it too; a draft-only step is a draft use", () => {
    const live = doc([{ id: "welcome", name: "Welcome email", templateId: "welcome" }]);
    const journeys = [
      journey({
        id: "onboarding",
        name: "Onboarding",
        status: "active",
        draft: doc([
          { id: "welcome", templateId: "welcome" },
          { id: "again", templateId: "welcome" },
        ]),
        published: { version: 3, document: live },
      }),
      journey({ id: "winback", name: "Win-back", draft: doc([{ id: "mail", templateId: "other" }]) }),
    ];
    expect(templateUses(journeys, "welcome")).toEqual([
      {
        journeyId: "onboarding",
        journeyName: "Onboarding",
        stepId: "welcome",
        stepName: "Welcome email",
        where: "live",
        version: 3,
      },
      {
        journeyId: "onboarding",
        journeyName: "Onboarding",
        stepId: "again",
        stepName: "again",
        where: "draft",
        version: null,
      },
    ]);
    expect(templateUses(journeys, "other").map((u) => [u.journeyId, u.where])).toEqual([["winback", "draft"]]);
    expect(templateUses(journeys, "nobody")).toEqual([]);
  });

  it("an archived journey's published version is not live: only its draft counts", () => {
    const d = doc([{ id: "m", templateId: "t" }]);
    const uses = templateUses(
      [journey({ id: "old", status: "archived", draft: d, published: { version: 1, document: d } })],
      "t",
    );
    expect(uses.map((u) => u.where)).toEqual(["draft"]);
  });

  it("counts journeys per template across drafts and published versions", () => {
    const journeys = [
      journey({
        id: "a",
        draft: doc([{ id: "m", templateId: "t" }]),
        published: { version: 1, document: doc([{ id: "m", templateId: "t" }]) },
      }),
      journey({
        id: "b",
        draft: doc([
          { id: "m", templateId: "t" },
          { id: "n", templateId: "u" },
        ]),
      }),
    ];
    const counts = journeysByTemplate(journeys);
    expect([...(counts.get("t") ?? [])]).toEqual(["a", "b"]);
    expect([...(counts.get("u") ?? [])]).toEqual(["b"]);
  });
});
