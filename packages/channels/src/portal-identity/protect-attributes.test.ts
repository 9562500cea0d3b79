import { describe, expect, it } from "vitest";
import { isProtectedAttribute } from "./identity-settings.ts";
import { hasProtectedAttribute, splitProtectedAttributes } from "./protect-attributes.ts";

const NAMES = ["email", "phone", "consent", "plan"];

describe("protected attributes (issue 12, finding 4)", () => {
  it("protects a name and the dotted keys under it, nothing else", () => {
    expect(isProtectedAttribute("consent.email", NAMES)).toBe(true);
    expect(isProtectedAttribute("consent", NAMES)).toBe(true);
    expect(isProtectedAttribute("consented", NAMES)).toBe(false);
    expect(isProtectedAttribute("emailVerified", NAMES)).toBe(false);
    expect(hasProtectedAttribute({ firstName: "Ada" }, NAMES)).toBe(false);
    expect(hasProtectedAttribute({ "consent.sms": true }, NAMES)).toBe(true);
  });

  it("refuses changed and new protected values, keeps the rest and values equal to the stored ones", () => {
    const current = { email: "ada@example.com", consent: { email: false }, plan: "team" };
    const split = splitProtectedAttributes(
      {
        firstName: "Ada",
        email: "ada@example.com",
        consent: { email: true },
        "consent.sms": true,
        plan: "team",
        phone: "+1",
      },
      NAMES,
      current,
    );
    expect(split.kept).toEqual({ firstName: "Ada", email: "ada@example.com", plan: "team" });
    expect(split.refused).toEqual(["consent", "consent.sms", "phone"]);
    expect(splitProtectedAttributes({ consent: { email: false } }, NAMES, current).refused).toEqual([]);
  });

  it("treats a customer without a profile as having no value: setting one is a change", () => {
    expect(splitProtectedAttributes({ email: "attacker@example.com", firstName: "Bob" }, NAMES, null)).toEqual({
      kept: { firstName: "Bob" },
      refused: ["email"],
    });
  });
});
