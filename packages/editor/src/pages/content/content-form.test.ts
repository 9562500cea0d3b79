import { describe, expect, it } from "vitest";
import { contentForm, contentInput, fieldOfProblem, idFromTitle, validateContentForm } from "./content-form.ts";

const filled = { ...contentForm(), id: "crm", title: "Connect your CRM", url: "/library/crm" };

describe("content form (issue 15: the content screen)", () => {
  it("says what is wrong at each field", () => {
    expect(validateContentForm(contentForm())).toEqual({
      title: "Give the item a title.",
      id: "Give the item an id.",
      url: "Give a link, or write a body below.",
    });
    expect(validateContentForm({ ...filled, id: "my item", url: "crm page", imageUrl: "picture.png" })).toEqual({
      id: "Use letters, digits, '-', '_' or '.', starting with a letter or digit.",
      url: "Enter an address starting with https:// or /.",
      imageUrl: "Enter an image address starting with https:// or /.",
    });
    expect(validateContentForm(filled)).toEqual({});
  });

  it("accepts a body without a link, opening it at its library address", () => {
    const form = { ...filled, url: "", body: "Step one…", topics: "integrations, crm, integrations" };
    expect(validateContentForm(form)).toEqual({});
    expect(contentInput(form)).toEqual({
      title: "Connect your CRM",
      summary: "",
      type: "article",
      topics: ["integrations", "crm"],
      url: "/library/crm",
      body: "Step one…",
    });
  });

  it("suggests an id from the title and finds the field an API problem names", () => {
    expect(idFromTitle("  Connect your CRM — in 5 minutes! ")).toBe("connect-your-crm-in-5-minutes");
    expect(fieldOfProblem("imageUrl")).toBe("imageUrl");
    expect(fieldOfProblem("id")).toBe("id");
    expect(fieldOfProblem("items[0].url")).toBe("url");
    expect(fieldOfProblem("defaultContentId")).toBeNull();
  });
});
