import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, openEmailApp } from "./email-harness.ts";

type EmailApp = Awaited<ReturnType<typeof openEmailApp>>;
let h: EmailApp;
beforeEach(async () => {
  h = await openEmailApp();
});
afterEach(() => h.close());

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

const journey = (welcomeBody: string, subject = "Welcome, {{ customer.firstName }}") => ({
  schemaVersion: 1,
  name: "Welcome",
  settings: { reentry: "never" },
  steps: [
    { id: "purchase", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    { id: "welcome", type: "email", subject, body: welcomeBody, next: "done" },
    { id: "done", type: "exit" },
  ],
});

describe("journeys with email templates", () => {
  it("refuses to publish a bad template, naming the step, field, line and column; validate lists the same", async () => {
    const bad = journey(
      `<mjml><mj-body><mj-section><mj-column>\n<mj-text>{% if customer.vip %}VIP</mj-text>\n<mj-bogus />\n</mj-column></mj-section></mj-body></mjml>`,
      "Hi {{ custmer.firstName }}",
    );
    const created = await h.call("POST", "/v1/journeys", { name: "Welcome", document: bad });
    expect(created.status).toBe(201);
    const published = await h.call("POST", `/v1/journeys/${created.body.id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe("journey_invalid");
    expect(published.body.error.problems).toEqual([
      expect.objectContaining({
        code: "unknown-variable",
        stepId: "welcome",
        path: "steps[1].subject",
        field: "subject",
        line: 1,
        column: 7,
      }),
      expect.objectContaining({
        code: "liquid-syntax",
        stepId: "welcome",
        path: "steps[1].body",
        field: "body",
        line: 2,
        column: 10,
      }),
      expect.objectContaining({
        code: "mjml-invalid",
        stepId: "welcome",
        path: "steps[1].body",
        field: "body",
        line: 3,
        column: 1,
      }),
    ]);
    const validated = await h.call("POST", `/v1/journeys/${created.body.id}/validate`);
    expect(validated.body.valid).toBe(false);
    expect(validated.body.problems).toHaveLength(3);
    expect((await h.call("GET", `/v1/journeys/${created.body.id}`)).body.currentVersion).toBeNull();
  });

  it("publishes a good template", async () => {
    const created = await h.call("POST", "/v1/journeys", {
      name: "Welcome",
      document: journey(mjml("<mj-text>Hi {{ customer.firstName }}</mj-text>")),
    });
    expect((await h.call("POST", `/v1/journeys/${created.body.id}/validate`)).body).toEqual({
      valid: true,
      problems: [],
    });
    expect((await h.call("POST", `/v1/journeys/${created.body.id}/publish`)).status).toBe(201);
  });
});

describe("preview and test send", () => {
  it("previews with sample data, or with a customer's profile; problems come back with positions", async () => {
    const template = {
      subject: "Hi {{ customer.firstName }}",
      preheader: "Plan {{ customer.plan }}",
      body: mjml("<mj-text>Hello {{ customer.firstName }}</mj-text>"),
    };
    const sample = await h.call("POST", "/v1/email/preview", template);
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ subject: "Hi Alex", preheader: "Plan [plan]", problems: [] });
    expect(sample.body.html).toContain("Hello Alex");
    expect(sample.body.text).toContain("Hello Alex");

    await h.overture.customers.upsert(h.keys.workspaceId, { id: "c1", attributes: { firstName: "Ann", plan: "Pro" } });
    const real = await h.call("POST", "/v1/email/preview", { ...template, customerId: "c1" });
    expect(real.body).toMatchObject({ subject: "Hi Ann", preheader: "Plan Pro", problems: [] });
    await h.overture.customers.upsert(h.keys.workspaceId, { id: "c2", attributes: { firstName: "Bo" } });
    const lacking = await h.call("POST", "/v1/email/preview", { ...template, customerId: "c2" });
    expect(lacking.body.problems).toEqual([
      expect.objectContaining({ code: "missing-variable", field: "preheader", line: 1, column: 9 }),
    ]);
    expect((await h.call("POST", "/v1/email/preview", { ...template, customerId: "nobody" })).status).toBe(404);
  });

  it("test-sends to any address through SMTP; the mailbox lists it", async () => {
    const sent = await h.call("POST", "/v1/email/test-send", {
      subject: "Test {{ customer.firstName }}",
      body: mjml("<mj-text>Hi</mj-text>"),
      to: "qa@example.com",
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ to: "qa@example.com", subject: "Test Alex" });
    const listed = await h.call("GET", "/v1/mailbox/messages");
    expect(listed.body.messages).toEqual([expect.objectContaining({ to: ["qa@example.com"], subject: "Test Alex" })]);
    const bad = await h.call("POST", "/v1/email/test-send", {
      subject: "x",
      body: "<mjml><mj-body><mj-nope /></mj-body></mjml>",
      to: "qa@example.com",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("email_invalid");
    expect(bad.body.error.problems[0]).toMatchObject({ path: "body", code: "mjml-invalid" });
    expect(bad.body.error.problems[0].message).toMatch(/^line 1, column 16: /);
    expect(
      (await h.call("POST", "/v1/email/test-send", { subject: "x", body: mjml(""), to: "not an address" })).status,
    ).toBe(400);
    expect(
      (await h.call("GET", "/v1/mailbox/messages", undefined, { authorization: `Bearer ${h.keys.writeKey}` })).status,
    ).toBe(403);
  });
});

describe("links in sent emails", () => {
  async function sendWelcome() {
    const created = await h.call("POST", "/v1/journeys", {
      name: "Welcome",
      document: journey(mjml('<mj-button href="https://shop.test/start">Start</mj-button>')),
    });
    await h.call("POST", `/v1/journeys/${created.body.id}/publish`);
    await h.overture.customers.upsert(h.keys.workspaceId, {
      id: "c1",
      attributes: { email: "ann@example.com", firstName: "Ann" },
    });
    await h.overture.events.ingest(h.keys.workspaceId, [{ name: "purchase.completed", customerId: "c1" }]);
    await h.overture.engine.runUntilIdle();
    await h.overture.dispatcher.runUntilIdle();
    const message = h.mailbox.list()[0];
    if (!message) throw new Error("no email arrived");
    const link = (kind: string) => {
      const m = message.html.match(new RegExp(`${BASE_URL}(/${kind}/[^"\\s]+)`));
      if (!m?.[1]) throw new Error(`no /${kind}/ link`);
      return m[1].replace(/&amp;/g, "&");
    };
    return { journeyId: created.body.id as string, message, link };
  }
  const events = async (name: string) =>
    (await h.overture.store.recentEvents(h.keys.workspaceId, "c1", 50)).filter((e) => e.name === name);

  it("the unsubscribe page asks first, then unsubscribes (also as one-click POST)", async () => {
    const { link, message } = await sendWelcome();
    const unsubscribe = link("u");
    expect(message.headers.find(([k]) => k === "List-Unsubscribe")?.[1]).toBe(`<${BASE_URL}${unsubscribe}>`);
    const page = await h.call("GET", unsubscribe);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    expect(page.text).toContain("ann@example.com");
    expect((await h.overture.customers.get(h.keys.workspaceId, "c1"))?.attributes.consent).toBeUndefined();
    const done = await h.call("POST", unsubscribe, "List-Unsubscribe=One-Click", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain("You are unsubscribed");
    expect((await h.overture.customers.get(h.keys.workspaceId, "c1"))?.attributes.consent).toEqual({ email: false });
    expect(await events("email.unsubscribed")).toHaveLength(1);
    expect((await h.call("GET", `${unsubscribe.slice(0, -2)}xx`)).status).toBe(404);
  });

  it("a click records email.clicked and redirects; an altered target is refused; the pixel records the open", async () => {
    const { link, journeyId } = await sendWelcome();
    const click = link("c");
    const redirected = await h.call("GET", click);
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("location")).toBe("https://shop.test/start");
    expect((await events("email.clicked")).map((e) => e.properties)).toEqual([
      expect.objectContaining({ url: "https://shop.test/start", stepId: "welcome", journeyId }),
    ]);
    const altered = click.replace(
      encodeURIComponent("https://shop.test/start"),
      encodeURIComponent("https://evil.test/"),
    );
    expect((await h.call("GET", altered)).status).toBe(404);
    const pixel = await h.call("GET", link("o"));
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get("content-type")).toBe("image/gif");
    expect(await events("email.opened")).toHaveLength(1);
  });

  it("the mailbox page lists the message and shows it sandboxed", async () => {
    const { message } = await sendWelcome();
    const list = await h.call("GET", "/mailbox", undefined, { authorization: "" });
    expect(list.status).toBe(200);
    expect(list.text).toContain("ann@example.com");
    expect(list.text).toContain(`/mailbox/${message.id}`);
    const one = await h.call("GET", `/mailbox/${message.id}`);
    expect(one.text).toContain(`<iframe sandbox`);
    expect(one.text).toContain("List-Unsubscribe");
    const raw = await h.call("GET", `/mailbox/${message.id}/html`);
    expect(raw.headers.get("content-security-policy")).toContain("sandbox");
    expect(raw.text).toContain("Start");
    expect((await h.call("GET", "/mailbox/nope")).status).toBe(404);
  });
});
