import { describe, expect, it } from "vitest";
import { validateJourney } from "../validate/validate-journey.ts";
import { JourneyDocument } from "./journey.ts";

const journey = (email: Record<string, unknown>) => ({
  schemaVersion: 1,
  name: "Blocks",
  steps: [
    { id: "start", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject: "Hi", body: "<mjml><mj-body></mj-body></mjml>", next: "done", ...email },
    { id: "done", type: "exit" },
  ],
});

describe("email steps' optional blocks (issue #4: the editor's block editor)", () => {
  it("keeps an email without blocks valid, as older documents are", () => {
    expect(validateJourney(journey({})).problems).toEqual([]);
  });

  it("keeps the blocks through parsing, so a published version can be opened as blocks again", () => {
    const blocks = [
      { type: "heading", text: "Welcome, {{ customer.firstName }}!" },
      { type: "text", text: "Thanks for your purchase." },
      { type: "button", label: "Open your portal", url: "{{ portalUrl }}" },
      { type: "image", src: "https://example.com/a.png", alt: "A" },
      { type: "divider" },
      { type: "spacer", height: 32 },
      { type: "recommended-items", from: "recommendations" },
    ];
    const parsed = JourneyDocument.parse(journey({ blocks }));
    expect(parsed.steps[1]).toMatchObject({ blocks });
    expect(validateJourney(journey({ blocks })).problems).toEqual([]);
  });

  it("refuses an unknown block type and a recommendation source that is not a plain name", () => {
    const problems = validateJourney(
      journey({ blocks: [{ type: "video" }, { type: "recommended-items", from: "x }}{{ y" }] }),
    ).problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringContaining("blocks")]));
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
