import type { VirtualClock } from "@overture/runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openEmailApp } from "./email-harness.ts";

type EmailApp = Awaited<ReturnType<typeof openEmailApp>>;
let h: EmailApp;
beforeEach(async () => {
  h = await openEmailApp();
});
afterEach(() => h.close());

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;
const WELCOME = {
  name: "Welcome",
  subject: "Welcome, {{ customer.firstName }}",
  preheader: "Start here",
  body: mjml("<mj-text>Hello {{ customer.firstName }}</mj-text>"),
};

/** purchase → (an optional wait) → an email step sending the saved template `templateId` → exit. */
const journey = (templateId: string, wait?: string) => ({
  schemaVersion: 1,
  name: "Welcome journey",
  settings: { reentry: "always" },
  steps: [
    {
      id: "purchase",
      type: "trigger",
      trigger: { type: "event", event: "purchase.completed" },
      next: wait ? "pause" : "welcome",
    },
    ...(wait ? [{ id: "pause", type: "wait", wait: { type: "duration", duration: wait }, next: "welcome" }] : []),
    { id: "welcome", type: "email", templateId, next: "done" },
    { id: "done", type: "exit" },
  ],
});

async function createJourney(document: unknown): Promise<string> {
  const created = await h.call("POST", "/v1/journeys", { name: "Welcome journey", document });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function purchase(customerId: string) {
  await h.overture.customers.upsert(h.keys.workspaceId, {
    id: customerId,
    attributes: { email: `${customerId}@example.com`, firstName: customerId.toUpperCase() },
  });
  await h.overture.events.ingest(h.keys.workspaceId, [{ name: "purchase.completed", customerId }]);
  await h.overture.engine.runUntilIdle();
  await h.overture.dispatcher.runUntilIdle();
}

describe("the email template library over HTTP", () => {
  it("saves, replaces, lists, gets and deletes templates", async () => {
    const saved = await h.call("PUT", "/v1/email/templates/welcome", WELCOME);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ id: "welcome", ...WELCOME, blocks: null, updatedAt: expect.any(Number) });
    expect((await h.call("PUT", "/v1/email/templates/welcome", { ...WELCOME, name: "Welcome (new)" })).body.name).toBe(
      "Welcome (new)",
    );
    const list = await h.call("GET", "/v1/email/templates");
    expect(list.body).toEqual({
      templates: [
        {
          id: "welcome",
          name: "Welcome (new)",
          subject: WELCOME.subject,
          preheader: "Start here",
          updatedAt: expect.any(Number),
        },
      ],
    });
    expect((await h.call("GET", "/v1/email/templates/welcome")).body.body).toBe(WELCOME.body);
    expect((await h.call("DELETE", "/v1/email/templates/welcome")).body).toEqual({ id: "welcome", deleted: true });
    const gone = await h.call("GET", "/v1/email/templates/welcome");
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found");
    expect((await h.call("DELETE", "/v1/email/templates/welcome")).status).toBe(404);
  });

  it("refuses a template with bad Liquid or MJML, each problem with its field, and line and column leading its message; and bad input", async () => {
    const bad = await h.call("PUT", "/v1/email/templates/broken", {
      name: "Broken",
      subject: "Hi {{ customer.firstName",
      body: "<mjml><mj-body>\n  <mj-bogus />\n</mj-body></mjml>",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("email_invalid");
    expect(bad.body.error.problems).toEqual([
      {
        path: "subject",
        code: "liquid-syntax",
        message: "line 1, column 4: `{{ customer.firstName` is missing its closing `}}`",
      },
      { path: "body", code: "mjml-invalid", message: expect.stringMatching(/^line 2, column 3: Element mj-bogus/) },
    ]);
    expect((await h.call("GET", "/v1/email/templates/broken")).status).toBe(404);
    const badId = await h.call("PUT", "/v1/email/templates/has%20space", WELCOME);
    expect(badId.status).toBe(400);
    expect(badId.body.error.problems[0].message).toContain("letters, digits");
    expect((await h.call("PUT", "/v1/email/templates/x", { name: "x", subject: "x" })).status).toBe(400);
    expect(
      (await h.call("GET", "/v1/email/templates", undefined, { authorization: `Bearer ${h.keys.writeKey}` })).status,
    ).toBe(403);
  });

  it("validate and publish report a templateId that names no saved template; saving it makes the journey publishable", async () => {
    const id = await createJourney(journey("welcome"));
    const validated = await h.call("POST", `/v1/journeys/${id}/validate`);
    expect(validated.body).toEqual({
      valid: false,
      problems: [
        expect.objectContaining({
          code: "unknown-template",
          stepId: "welcome",
          path: "steps[1].templateId",
          message: expect.stringContaining("no templates yet"),
        }),
      ],
    });
    const refused = await h.call("POST", `/v1/journeys/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems).toEqual([
      expect.objectContaining({ code: "unknown-template", stepId: "welcome" }),
    ]);
    await h.call("PUT", "/v1/email/templates/welcome", WELCOME);
    expect((await h.call("POST", `/v1/journeys/${id}/validate`)).body).toEqual({ valid: true, problems: [] });
    expect((await h.call("POST", `/v1/journeys/${id}/publish`)).status).toBe(201);
  });

  it("sends the template as it is at send time, rendered for the customer", async () => {
    await h.call("PUT", "/v1/email/templates/welcome", WELCOME);
    const id = await createJourney(journey("welcome"));
    expect((await h.call("POST", `/v1/journeys/${id}/publish`)).status).toBe(201);
    await purchase("ann");
    await h.call("PUT", "/v1/email/templates/welcome", {
      ...WELCOME,
      subject: "Hello again, {{ customer.firstName }}",
    });
    await purchase("bob");
    const sent = h.mailbox.list().map((m) => ({ to: m.to, subject: m.subject }));
    expect(sent).toEqual(
      expect.arrayContaining([
        { to: ["ann@example.com"], subject: "Welcome, ANN" },
        { to: ["bob@example.com"], subject: "Hello again, BOB" },
      ]),
    );
    const ann = h.mailbox.list().find((m) => m.subject === "Welcome, ANN");
    expect(ann?.html).toContain("Hello ANN");
    expect(ann?.html).toContain("Start here");
  });

  it("refuses to delete a template an active journey sends (409, naming the journey), and allows it once archived", async () => {
    await h.call("PUT", "/v1/email/templates/welcome", WELCOME);
    const id = await createJourney(journey("welcome"));
    await h.call("POST", `/v1/journeys/${id}/publish`);
    const refused = await h.call("DELETE", "/v1/email/templates/welcome");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("template_in_use");
    expect(refused.body.error.message).toContain("'Welcome journey'");
    expect(refused.body.error.problems).toEqual([
      expect.objectContaining({ code: "template_in_use", stepId: "welcome", message: expect.stringContaining(id) }),
    ]);
    await h.call("POST", `/v1/journeys/${id}/pause`);
    expect((await h.call("DELETE", "/v1/email/templates/welcome")).status).toBe(409);
    await h.call("POST", `/v1/journeys/${id}/archive`);
    expect((await h.call("DELETE", "/v1/email/templates/welcome")).status).toBe(200);
  });

  it("a template deleted after publishing fails the send for good, with a reason that names it", async () => {
    await h.call("PUT", "/v1/email/templates/welcome", WELCOME);
    const id = await createJourney(journey("welcome", "1d"));
    await h.call("POST", `/v1/journeys/${id}/publish`);
    await purchase("ann");
    // Version 2 no longer sends the template, so it may be deleted; Ann still waits in version 1.
    await h.call("PUT", "/v1/email/templates/other", WELCOME);
    await h.call("PUT", `/v1/journeys/${id}/draft`, journey("other", "1d"));
    expect((await h.call("POST", `/v1/journeys/${id}/publish`)).status).toBe(201);
    expect((await h.call("DELETE", "/v1/email/templates/welcome")).status).toBe(200);
    (h.overture.clock as VirtualClock).advance(2 * 86_400_000);
    await h.overture.engine.runUntilIdle();
    await h.overture.dispatcher.runUntilIdle();
    const dead = await h.call("GET", "/v1/outbox?status=dead&channel=email");
    expect(dead.body.items).toEqual([
      expect.objectContaining({
        customerId: "ann",
        stepId: "welcome",
        lastError: expect.stringMatching(/^email_template_missing: .*'welcome'.*deleted/),
      }),
    ]);
    expect(h.mailbox.list()).toEqual([]);
  });
});
