import { JourneyDocument } from "@overture/core";
import { describe, expect, it } from "vitest";
import { layoutBlueprint } from "./blueprint-layout.ts";
import { blueprintSvg, wrapWords } from "./blueprint-svg.ts";

const journey = JourneyDocument.parse({
  schemaVersion: 1,
  name: "Renewal <reminder> & more",
  steps: [
    {
      id: "due",
      name: "Renewal due",
      type: "trigger",
      trigger: { type: "event", event: "subscription.renewal_due" },
      next: "remind",
    },
    { id: "remind", name: 'Reminder "soon" & <b>', type: "email", subject: "Your plan renews soon", next: "billing" },
    { id: "billing", name: "Tell billing", type: "webhook", endpoint: "billing-team", next: "pause" },
    { id: "pause", type: "wait", wait: { type: "duration", duration: "2d" }, next: "end" },
    { id: "end", type: "exit" },
  ],
});

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Every text node of the markup, unescaped; throws when the elements are not closed in order (the file would not open). */
function texts(xml: string): string[] {
  const open: string[] = [];
  for (const [tag, closing, name, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) throw new Error(`unbalanced ${tag}`);
  }
  if (open.length > 0) throw new Error(`unclosed ${open.join(", ")}`);
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(xml)) throw new Error("an unescaped &");
  return [...xml.matchAll(/>([^<]+)</g)]
    .map((m) => m[1]!.trim().replace(/&(\w+);/g, (_, e: string) => ENTITIES[e] ?? e))
    .filter(Boolean);
}

describe("the blueprint as an SVG file (issue 15)", () => {
  const svg = blueprintSvg(layoutBlueprint(journey), journey.name);

  it("is well-formed XML that says the journey, the lanes, the lines, the times and every step", () => {
    const words = texts(svg).join("\n");
    for (const expected of [
      "Renewal <reminder> & more",
      "Customer actions",
      "Frontstage",
      "Backstage",
      "Support processes",
      "LINE OF INTERACTION",
      "LINE OF VISIBILITY",
      "LINE OF INTERNAL INTERACTION",
      "Day 0",
      "Day 2",
      "+2 days",
      "Renewal due",
      'Reminder "soon" & <b>',
      "Tell billing",
      "Billing team",
    ])
      expect(words).toContain(expected);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it("draws the line of visibility dashed and the line of internal interaction dotted, the interaction line solid", () => {
    expect(svg).toMatch(/<line [^>]*stroke-dasharray="10 6"[^>]*data-line="visibility"/);
    expect(svg).toMatch(/<line [^>]*stroke-dasharray="2 6"[^>]*data-line="internal"/);
    expect(svg).not.toMatch(/<line [^>]*stroke-dasharray[^>]*data-line="interaction"/);
  });
});

describe("a registered channel's step in the blueprint (issue 17)", () => {
  it("draws an SMS step frontstage in the channels' colour, never an undefined one", () => {
    const texted = JourneyDocument.parse({
      schemaVersion: 1,
      name: "Texted",
      steps: [
        { id: "due", type: "trigger", trigger: { type: "event", event: "order.shipped" }, next: "text" },
        { id: "text", name: "Shipping text", type: "sms", body: "Your order is on its way.", next: "end" },
        { id: "end", type: "exit" },
      ],
    });
    const layout = layoutBlueprint(texted);
    expect(layout.items.find((i) => i.id === "text")?.row).toBe("frontstage");
    const svg = blueprintSvg(layout, texted.name);
    expect(svg).not.toContain("undefined");
    expect(svg).toMatch(/data-step-id="text"><rect [^>]*\/><rect [^>]*fill="#0ea5e9"/);
  });
});

describe("wrapWords", () => {
  it("wraps at word boundaries and cuts the last line with an ellipsis", () => {
    expect(wrapWords("Sends email 'Your plan renews soon'", 16, 3)).toEqual([
      "Sends email",
      "'Your plan",
      "renews soon'",
    ]);
    expect(wrapWords("one two three four five", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrapWords("Supercalifragilistic", 8, 1)).toEqual(["Superca…"]);
  });
});

describe("channels from the registry on the blueprint (issue 17)", () => {
  it("puts SMS and web push steps in the frontstage lane with their labels, drawn in the message colour", () => {
    const withChannels = JourneyDocument.parse({
      schemaVersion: 1,
      name: "Texts",
      steps: [
        { id: "go", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "text" },
        { id: "text", type: "sms", body: "Thanks {{ customer.firstName | default: 'there' }}", next: "nudge" },
        { id: "nudge", type: "push", title: "Welcome", body: "Have a look", next: "end" },
        { id: "end", type: "exit" },
      ],
    });
    const layout = layoutBlueprint(withChannels);
    const cards = layout.items.filter((i) => i.stepId === "text" || i.stepId === "nudge");
    expect(cards.map((c) => [c.stepId, c.row, c.kindLabel])).toEqual([
      ["text", "frontstage", "SMS"],
      ["nudge", "frontstage", "Web push"],
    ]);
    const svg = blueprintSvg(layout, "Texts");
    expect(svg).not.toContain("undefined");
    expect(texts(svg)).toEqual(expect.arrayContaining(["SMS", "WEB PUSH", "Sends web push 'Welcome'"]));
  });
});
