import { describe, expect, it } from "vitest";
import type { EmailContext } from "./render-email.ts";
import { renderEmail } from "./render-email.ts";
import { validateEmailTemplate } from "./validate-email-template.ts";

const context = (over: Partial<EmailContext> = {}): EmailContext => ({
  customer: { id: "c1", firstName: "Ann", email: "ann@example.com" },
  event: { product: "Pro plan" },
  trigger: { name: "purchase.completed", properties: { product: "Pro plan" } },
  links: { unsubscribe: "https://overture.test/u/abc" },
  portalUrl: "https://portal.test",
  ...over,
});

const body = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

describe("renderEmail", () => {
  it("renders subject, preheader, HTML and a text part from MJML and Liquid", async () => {
    const r = await renderEmail(
      {
        subject: "Welcome, {{ customer.firstName }}!",
        preheader: "Your {{ event.product }} is ready",
        body: body(
          '<mj-text>Hi {{ customer.firstName }}{% if trigger.properties.product %}, thanks for {{ trigger.properties.product }}{% endif %}.</mj-text><mj-button href="{{ portalUrl }}/start">Open</mj-button>',
        ),
      },
      context(),
    );
    expect(r.problems).toEqual([]);
    expect(r.subject).toBe("Welcome, Ann!");
    expect(r.preheader).toBe("Your Pro plan is ready");
    expect(r.html).toContain("Hi Ann, thanks for Pro plan.");
    expect(r.html).toContain('href="https://portal.test/start"');
    expect(r.html).toContain("Your Pro plan is ready"); // the hidden preview text
    expect(r.text).toContain("Hi Ann, thanks for Pro plan.");
    expect(r.text).toContain("Open [https://portal.test/start]");
    expect(r.text).not.toContain("Your Pro plan is ready");
  });

  it("adds an unsubscribe footer unless the template links to links.unsubscribe itself", async () => {
    const footer = await renderEmail({ subject: "s", body: body("<mj-text>x</mj-text>") }, context());
    expect(footer.html).toContain('href="https://overture.test/u/abc"');
    expect(footer.text).toMatch(/Unsubscribe\s+\[https:\/\/overture\.test\/u\/abc\]/);
    const own = await renderEmail(
      { subject: "s", body: body('<mj-text><a href="{{ links.unsubscribe }}">Stop these</a></mj-text>') },
      context(),
    );
    expect(own.html.match(/overture\.test\/u\/abc/g)).toHaveLength(1);
    expect(own.html).not.toContain(">Unsubscribe<");
  });

  it("escapes customer values in the HTML body but not in the subject", async () => {
    const r = await renderEmail(
      { subject: "Hi {{ customer.firstName }}", body: body("<mj-text>Hi {{ customer.firstName }}</mj-text>") },
      context({ customer: { id: "c1", firstName: "<b>Bo</b> & Co" } }),
    );
    expect(r.subject).toBe("Hi <b>Bo</b> & Co");
    expect(r.html).toContain("Hi &lt;b&gt;Bo&lt;/b&gt; &amp; Co");
    expect(r.html).not.toContain("<b>Bo</b>");
  });

  it("reports a required variable the customer lacks with its field, line and column; default makes it optional", async () => {
    const r = await renderEmail(
      {
        subject: "Hello",
        body:
          `<mjml><mj-body><mj-section><mj-column>\n<mj-text>Plan: {{ customer.plan }}</mj-text>` +
          "</mj-column></mj-section></mj-body></mjml>",
      },
      context(),
    );
    expect(r.problems).toEqual([
      expect.objectContaining({ code: "missing-variable", field: "body", line: 2, column: 19 }),
    ]);
    expect(r.problems[0]?.message).toContain("customer.plan");
    expect(r.html).toBe("");
    const optional = await renderEmail(
      { subject: "Hello", body: body('<mj-text>Plan: {{ customer.plan | default: "free" }}</mj-text>') },
      context(),
    );
    expect(optional.problems).toEqual([]);
    expect(optional.html).toContain("Plan: free");
  });

  it("renders recommendation items in a for loop", async () => {
    const recommendations = {
      topics: ["billing"],
      basedOn: "engagement",
      items: [
        {
          id: "i1",
          title: "Invoices explained",
          summary: "All about invoices",
          url: "https://docs.test/invoices",
          topics: ["billing"],
        },
      ],
    };
    const r = await renderEmail(
      {
        subject: "Picked for you",
        body: body(
          '<mj-text>{% if recommendations.basedOn == "engagement" %}Because you read about {{ recommendations.topics | join: ", " }}:{% endif %}</mj-text>{% for item in recommendations.items %}<mj-text><a href="{{ item.url }}">{{ item.title }}</a></mj-text>{% endfor %}',
        ),
      },
      context({ recommendations }),
    );
    expect(r.problems).toEqual([]);
    expect(r.html).toContain("Because you read about billing:");
    expect(r.html).toContain('<a href="https://docs.test/invoices">Invoices explained</a>');
  });
});

describe("validateEmailTemplate", () => {
  it("accepts the onboarding journey's templates", async () => {
    const problems = await validateEmailTemplate({
      subject: "Welcome aboard, {{ customer.firstName }}!",
      preheader: "Your account is ready.",
      body: body(
        '<mj-text>Thank you{% if trigger.properties.product %} for {{ trigger.properties.product }}{% endif %}.</mj-text><mj-button href="{{ portalUrl }}">Open</mj-button>',
      ),
    });
    expect(problems).toEqual([]);
  });

  it("reports bad Liquid in each field with its position", async () => {
    const problems = await validateEmailTemplate({
      subject: "Hi {{ customer.firstName ",
      preheader: "{{ customer.firstName | shout }}",
      body: "<mjml><mj-body><mj-section><mj-column>\n  <mj-text>{% if customer.vip %}VIP</mj-text>\n</mj-column></mj-section></mj-body></mjml>",
    });
    expect(problems).toEqual([
      expect.objectContaining({ code: "liquid-syntax", field: "subject", line: 1, column: 4 }),
      expect.objectContaining({ code: "liquid-syntax", field: "preheader", line: 1, column: 1 }),
      expect.objectContaining({ code: "liquid-syntax", field: "body", line: 2, column: 12 }),
    ]);
    expect(problems[1]?.message).toContain("shout");
    expect(problems[2]?.message).toBe("`{% if customer.vip %}` has no `{% endif %}` after it");
  });

  it("reports bad MJML at the template's own line and column, Liquid notwithstanding", async () => {
    const problems = await validateEmailTemplate({
      subject: "s",
      body: '<mjml>\n<mj-body>\n<mj-section><mj-column>\n  <mj-text>{{ customer.firstName }}</mj-text>  <mj-bogus>x</mj-bogus>\n  <mj-button hreff="{{ portalUrl }}">Go</mj-button>\n</mj-column></mj-section>\n</mj-body>\n</mjml>',
    });
    expect(problems).toEqual([
      expect.objectContaining({ code: "mjml-invalid", field: "body", line: 4, column: 48 }),
      expect.objectContaining({ code: "mjml-invalid", field: "body", line: 5, column: 3 }),
    ]);
    expect(problems[0]?.message).toContain("mj-bogus");
    expect(problems[1]?.message).toContain("hreff");
  });

  it("reports a tag left open, and a body that is not MJML", async () => {
    const open = await validateEmailTemplate({
      subject: "s",
      body: "<mjml><mj-body><mj-section>\n<mj-column><mj-text>x</mj-text>\n</mj-section></mj-body></mjml>",
    });
    expect(open).toEqual([
      expect.objectContaining({ code: "mjml-invalid", line: 2, column: 1, message: "<mj-column> is not closed" }),
    ]);
    const notMjml = await validateEmailTemplate({ subject: "s", body: "<p>Hello</p>" });
    expect(notMjml).toEqual([expect.objectContaining({ code: "mjml-invalid", line: 1, column: 1 })]);
  });

  it("reports variables no email can have, and knows the journey's context keys", async () => {
    const template = { subject: "{{ custmer.firstName }}", body: body("<mj-text>{{ picks.topics }}</mj-text>") };
    const problems = await validateEmailTemplate(template);
    expect(problems).toEqual([
      expect.objectContaining({ code: "unknown-variable", field: "subject", line: 1, column: 4 }),
      expect.objectContaining({ code: "unknown-variable", field: "body", line: 1 }),
    ]);
    expect(await validateEmailTemplate({ ...template, subject: "Hi" }, { contextKeys: ["picks"] })).toEqual([]);
  });
});
