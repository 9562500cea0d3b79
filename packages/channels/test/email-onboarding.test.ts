import { readFile } from "node:fs/promises";
import { emailProblems } from "@overture/channels";
import { describe, expect, it } from "vitest";

describe("the onboarding journey's emails", () => {
  it("have templates that validate (MJML, Liquid, known variables)", async () => {
    const document = JSON.parse(
      await readFile(new URL("../../../examples/onboarding/journey.json", import.meta.url), "utf8"),
    );
    expect(await emailProblems(document)).toEqual([]);
  });

  it("a broken template is reported with the step and the field's position", async () => {
    const document = JSON.parse(
      await readFile(new URL("../../../examples/onboarding/journey.json", import.meta.url), "utf8"),
    );
    const tips = document.steps.find((s: { id: string }) => s.id === "tips");
    tips.body = tips.body.replace("</mj-button>", "");
    expect(await emailProblems(document)).toEqual([
      expect.objectContaining({
        code: "mjml-invalid",
        stepId: "tips",
        path: `steps[${document.steps.indexOf(tips)}].body`,
        line: 6, // the line of the button block in the MJML the blocks make
        message: "<mj-button> is not closed",
      }),
    ]);
  });
});
