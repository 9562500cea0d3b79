import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EmailTemplate } from "../src/email/email-problem.ts";
import { mjmlCompiles } from "../src/email/mjml.ts";
import { type EmailContext, renderEmail, renderEmailDirect } from "../src/email/render-email.ts";

type Step = { id: string; type: string; subject?: string; preheader?: string; body?: string };
const journey = JSON.parse(readFileSync(new URL("../../../examples/onboarding/journey.json", import.meta.url), "utf8"));
const onboardingEmails: Array<[string, EmailTemplate]> = (journey.steps as Step[])
  .filter((s) => s.type === "email")
  .map((s) => [s.id, { subject: s.subject ?? "", preheader: s.preheader, body: s.body ?? "" }]);

const customers: Array<Record<string, unknown>> = [
  { firstName: "Ann" },
  {},
  { firstName: `O'Brien & <Sons> "Ltd"` },
  { firstName: "  Zoë  " },
  { firstName: "{{ customer.id }}" },
];

function context(i: number, over: Partial<EmailContext> = {}): EmailContext {
  return {
    customer: { id: `c${i}`, email: `c${i}@example.com`, ...customers[i % customers.length] },
    event: { product: i % 2 ? "Pro plan" : undefined },
    trigger: { name: "purchase.completed", properties: i % 2 ? { product: "Pro & Co" } : {} },
    recommendations: {
      basedOn: i % 2 ? "engagement" : "popular",
      topics: ["billing", "setup"],
      items: [{ url: `https://portal.test/a?x=1&c=${i}`, title: "Start <here>", summary: "Why & how" }],
    },
    links: { unsubscribe: `https://overture.test/u/tok${i}` },
    portalUrl: "https://portal.test",
    ...over,
  };
}

const body = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

/** Bodies like the block editor writes (blocks-to-mjml.ts), and some where Liquid shapes the layout. */
const otherBodies: Array<[string, EmailTemplate]> = [
  [
    "text starting with Liquid",
    { subject: "Hi", body: body("<mj-text>{{ customer.firstName | default: 'x' }}</mj-text>") },
  ],
  [
    "texts made of Liquid, printing spaces at their edges",
    {
      subject: "Hi",
      body: body(
        "<mj-text>\n  {{ customer.firstName | default: ' ' }}\n</mj-text><mj-text>{% if event.product %} {{ event.product }} {% endif %}</mj-text><mj-button href=\"{{ portalUrl }}\">{{ customer.firstName | default: 'Go' }}</mj-button>",
      ),
    },
  ],
  [
    "image and button with Liquid attributes",
    {
      subject: "Hi",
      preheader: "  {{ customer.firstName | default: 'you' }}  ",
      body: body(
        `<mj-image src="https://cdn.test/{{ customer.id }}.png" alt="For {{ customer.id }}" />\n<mj-button href="{{ portalUrl }}/x?c={{ customer.id }}">Go, {{ customer.id }}!</mj-button><mj-divider border-width="1px" /><mj-spacer height="20px" />`,
      ),
    },
  ],
  [
    "a loop that makes sections",
    {
      subject: "Hi",
      body: `<mjml><mj-body>{% for item in recommendations.items %}<mj-section><mj-column><mj-text>{{ item.title }}</mj-text></mj-column></mj-section>{% endfor %}</mj-body></mjml>`,
    },
  ],
  [
    "an if across two texts",
    { subject: "Hi", body: body("<mj-text>a {% if event.product %}b</mj-text><mj-text>c {% endif %}d</mj-text>") },
  ],
  [
    "a button whose link may be empty",
    { subject: "Hi", body: body(`<mj-button href="{{ event.product | default: '' }}">Go</mj-button>`) },
  ],
  [
    "a social link (its href is not copied as it is)",
    {
      subject: "Hi",
      body: body(
        `<mj-social><mj-social-element name="facebook" href="{{ portalUrl }}/x?c={{ customer.id }}">Share</mj-social-element></mj-social>`,
      ),
    },
  ],
  [
    "a Liquid width",
    { subject: "Hi", body: body(`<mj-image width="{{ event.product | size }}px" src="https://x.test/a.png" />`) },
  ],
  [
    "its own unsubscribe link",
    { subject: "Hi", body: body(`<mj-text>Bye <a href="{{ links.unsubscribe }}">here</a>.</mj-text>`) },
  ],
  ["whitespace control", { subject: "Hi", body: body("<mj-text>Hi {{- customer.id -}} !</mj-text>") }],
];

describe("the email render cache (MJML once per body, Liquid per customer)", () => {
  it("gives byte for byte the HTML, text and subject of the direct path for the onboarding emails", async () => {
    for (const [id, template] of onboardingEmails) {
      for (let i = 0; i < 6; i++) {
        const direct = await renderEmailDirect(template, context(i));
        expect(direct.problems, id).toEqual([]);
        expect(await renderEmail(template, context(i)), `${id}, customer ${i}`).toEqual(direct);
      }
    }
  });

  it("gives the same as the direct path for block-editor bodies and where Liquid shapes the layout (then it falls back)", async () => {
    for (const [name, template] of otherBodies) {
      for (let i = 0; i < 5; i++) {
        expect(await renderEmail(template, context(i)), `${name}, customer ${i}`).toEqual(
          await renderEmailDirect(template, context(i)),
        );
      }
    }
  });

  it("reports the same problems as the direct path (a missing variable, with its line)", async () => {
    const template = { subject: "Hi", body: body("<mj-text>Hi {{ customer.lastName }}.</mj-text>") };
    const cached = await renderEmail(template, context(0));
    expect(cached.problems[0]?.code).toBe("missing-variable");
    expect(cached).toEqual(await renderEmailDirect(template, context(0)));
  });

  it("compiles the block editor's text starting with a name once, trimming what MJML trimmed", async () => {
    const template = {
      subject: "Hi",
      body: body("<mj-text>{{ customer.firstName | default: 'there' }}, hello</mj-text>"),
    };
    const before = mjmlCompiles.count;
    for (let i = 0; i < 5; i++)
      expect(await renderEmail(template, context(i))).toEqual(await renderEmailDirect(template, context(i)));
    // Five direct renders and one compile for the cached ones.
    expect(mjmlCompiles.count - before).toBe(6);
  });

  it("compiles MJML once for twenty customers of one step", async () => {
    const template = { subject: "Hi", body: body("<mj-text>Once {{ customer.id }}.</mj-text>") };
    const before = mjmlCompiles.count;
    for (let i = 0; i < 20; i++) expect((await renderEmail(template, context(i))).html).toContain(`Once c${i}.`);
    expect(mjmlCompiles.count - before).toBe(1);
  });

  it("does not serve an edited template or a new version from the entry of the old one", async () => {
    const v1 = { subject: "Hi", body: body("<mj-text>Version one, {{ customer.id }}.</mj-text>") };
    const v2 = { subject: "Hi", body: body("<mj-text>Version two, {{ customer.id }}.</mj-text>") };
    expect((await renderEmail(v1, context(1))).html).toContain("Version one, c1.");
    const before = mjmlCompiles.count;
    const edited = await renderEmail(v2, context(1));
    expect(edited.html).toContain("Version two, c1.");
    expect(edited.html).not.toContain("Version one");
    expect(mjmlCompiles.count - before).toBe(1);
  });

  it("renders 1,000 welcome emails with at most one MJML compile (the timing against the direct path is printed)", async () => {
    const welcome = onboardingEmails.find(([id]) => id === "welcome-email")?.[1];
    if (!welcome) throw new Error("the onboarding journey has no welcome-email step");
    const time = async (render: typeof renderEmail) => {
      const start = performance.now();
      for (let i = 0; i < 1000; i++) await render(welcome, context(i));
      return performance.now() - start;
    };
    const direct = await time(renderEmailDirect);
    const before = mjmlCompiles.count;
    const cached = await time(renderEmail);
    expect(mjmlCompiles.count - before).toBeLessThanOrEqual(1);
    console.log(`1,000 welcome emails: direct ${direct.toFixed(0)} ms, cached ${cached.toFixed(0)} ms`);
  }, 120_000);
});
