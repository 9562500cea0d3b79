import { describe, expect, it } from "vitest";
import { findContentUsage, type UsageJourney } from "./content-usage.ts";

const personalize = (id: string, slot: string, contentId: string | null) => ({
  id,
  name: `Show ${contentId}`,
  type: "personalize",
  slot,
  contentId,
  next: null,
});
const content = [
  { id: "crm", url: "/library/crm" },
  { id: "crm-advanced", url: "/library/crm-advanced" },
  { id: "unused", url: "https://example.com/unused" },
];
const slots = [
  { name: "dashboard.hero", defaultContentId: "crm" },
  { name: "sidebar", defaultContentId: null },
];

const journey = (id: string, draft: unknown, live: unknown = null, status = "draft"): UsageJourney => ({
  id,
  name: `Journey ${id}`,
  status,
  draft,
  live,
});

describe("findContentUsage (issue 15: where each content item and slot is used)", () => {
  it("lists a personalize step under its slot and its content item, and a slot's default under the item", () => {
    const usage = findContentUsage({
      journeys: [journey("a", { steps: [personalize("hero", "dashboard.hero", "crm-advanced")] })],
      content,
      slots,
    });
    expect(usage.slots["dashboard.hero"]).toEqual([
      expect.objectContaining({
        type: "step",
        journeyId: "a",
        journeyName: "Journey a",
        stepId: "hero",
        stepName: "Show crm-advanced",
        how: "shows-in-slot",
        inDraft: true,
        live: false,
      }),
    ]);
    expect(usage.content["crm-advanced"]).toEqual([
      expect.objectContaining({ stepId: "hero", how: "shows-in-slot", slot: "dashboard.hero" }),
    ]);
    expect(usage.content.crm).toEqual([{ type: "slot-default", slot: "dashboard.hero" }]);
    expect(usage.content.unused).toEqual([]);
    expect(usage.slots.sidebar).toEqual([]);
  });

  it("finds links to an item's address in emails and notifications, not to a longer address that starts the same", () => {
    const draft = {
      steps: [
        { id: "mail", type: "email", body: '<mj-button href="/library/crm-advanced">Read</mj-button>', next: null },
        { id: "note", type: "notification", title: "New", link: "/library/crm", next: null },
        { id: "mail2", type: "email", blocks: [{ type: "button", label: "Go", url: "/library/crm." }], next: null },
      ],
    };
    const usage = findContentUsage({ journeys: [journey("b", draft)], content, slots: [] });
    expect(usage.content["crm-advanced"]?.map((u) => u.type === "step" && u.stepId)).toEqual(["mail"]);
    expect(usage.content.crm?.map((u) => u.type === "step" && u.stepId)).toEqual(["note", "mail2"]);
  });

  it("says whether the draft, the live version or both use it, once per step", () => {
    const step = personalize("hero", "sidebar", "crm");
    const both = journey("c", { steps: [step] }, { steps: [step] }, "active");
    const liveOnly = journey("d", { steps: [] }, { steps: [step] }, "paused");
    const usage = findContentUsage({ journeys: [both, liveOnly], content, slots: [] });
    expect(usage.slots.sidebar?.map((u) => u.type === "step" && [u.journeyId, u.inDraft, u.live])).toEqual([
      ["c", true, true],
      ["d", false, true],
    ]);
  });

  it("leaves archived journeys out and reads incomplete drafts without failing", () => {
    const usage = findContentUsage({
      journeys: [
        journey("old", { steps: [personalize("x", "sidebar", "crm")] }, null, "archived"),
        journey("broken", {
          steps: [null, 3, { type: "personalize" }, { id: "p", type: "personalize", slot: "", contentId: 5 }],
        }),
        journey("none", "not a document"),
      ],
      content,
      slots,
    });
    expect(usage.slots.sidebar).toEqual([]);
    expect(usage.content.crm).toEqual([{ type: "slot-default", slot: "dashboard.hero" }]);
  });

  it("lists a slot or item the journeys name that the library does not have, so a missing one shows up", () => {
    const usage = findContentUsage({
      journeys: [journey("e", { steps: [personalize("p", "footer", "gone")] })],
      content: [],
      slots: [],
    });
    expect(Object.keys(usage.slots)).toEqual(["footer"]);
    expect(Object.keys(usage.content)).toEqual(["gone"]);
  });
});

describe("findContentUsage across channels (issue 17)", () => {
  it("counts an SMS or push text linking to an item as a use; a webhook payload's address is not the customer's", () => {
    const steps = [
      { id: "text", type: "sms", body: "New for you: https://acme.test/library/crm", next: null },
      { id: "nudge", type: "push", title: "Read this", body: "b", url: "/library/crm-advanced", next: null },
      { id: "hook", type: "webhook", endpoint: "crm-team", payload: '{"see":"/library/crm"}', next: null },
    ];
    const usage = findContentUsage({ journeys: [journey("c", { steps })], content, slots });
    expect(usage.content.crm?.map((u) => (u.type === "step" ? [u.stepId, u.how] : u.type))).toEqual([
      "slot-default",
      ["text", "links"],
    ]);
    expect(usage.content["crm-advanced"]?.map((u) => (u.type === "step" ? u.stepId : u.type))).toEqual(["nudge"]);
  });
});
