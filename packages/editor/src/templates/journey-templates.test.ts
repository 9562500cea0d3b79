import { validateJourney } from "@overture/core";
import { describe, expect, it } from "vitest";
import { isUnstarted } from "../model/unstarted.ts";
import { BLANK_JOURNEY, JOURNEY_TEMPLATES } from "./journey-templates.ts";

describe("journey templates (issue 15: start from a template)", () => {
  it.each(JOURNEY_TEMPLATES.filter((t) => t.id !== "blank").map((t) => [t.name, t] as const))(
    "%s validates as it is",
    (_, template) => {
      const { valid, problems } = validateJourney(template.document);
      expect(problems).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it("offers blank, the onboarding example and the starters, each once", () => {
    expect(JOURNEY_TEMPLATES.map((t) => t.id)).toEqual([
      "blank",
      "onboarding",
      "renewal-reminder",
      "win-back",
      "welcome-series",
    ]);
    // Blank opens with the editor's guidance, not a problem: a trigger leading nowhere yet.
    const blank = validateJourney(BLANK_JOURNEY("Mine")).document;
    expect(blank && isUnstarted(blank)).toBe(true);
  });

  it("greets customers without a first name (every email's Liquid has a default)", () => {
    for (const template of JOURNEY_TEMPLATES.filter((t) => t.id !== "onboarding")) {
      const text = JSON.stringify(template.document);
      expect(text.match(/\{\{ customer\.firstName \}\}/g)).toBeNull();
    }
  });
});
