import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmailApp } from "./email-harness.ts";

// Issue 12, findings 1 and 2: every route that renders or checks a template, in memory.

type EmailApp = Awaited<ReturnType<typeof openEmailApp>>;
let h: EmailApp;
beforeAll(async () => {
  h = await openEmailApp();
});
afterAll(() => h.close());

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

/** A file under the working directory, as the issue found it: a partial read it and printed it. */
const PARTIAL = '{% render "package.json" %}';
/** What the file holds that must never appear in an answer (vitest runs in the repository's root). */
const FILE_SECRET: string = JSON.parse(readFileSync("package.json", "utf8")).description;

/** Loops the issue used (smaller, so the unfixed code answers in seconds rather than stalling the machine). */
const LONG_LOOP = "{% for i in (1..3000000) %}x{% endfor %}";
const NESTED_LOOP = "{% for a in (1..2000) %}{% for b in (1..2000) %}x{% endfor %}{% endfor %}";

/** signed.up → the steps → exit, created as a draft; its id. */
async function createJourney(steps: Array<Record<string, unknown>>): Promise<string> {
  const document = {
    schemaVersion: 1,
    name: "Hostile",
    settings: { reentry: "always" },
    steps: [
      { id: "start", type: "trigger", trigger: { type: "event", event: "signed.up" }, next: String(steps[0]?.id) },
      ...steps.map((s, i) => ({ ...s, next: String(steps[i + 1]?.id ?? "done") })),
      { id: "done", type: "exit" },
    ],
  };
  const created = await h.call("POST", "/v1/journeys", { name: "Hostile", document });
  expect(created.status).toBe(201);
  return created.body.id;
}

describe("finding 1: a template never reads a file", () => {
  it("has a file to leak", () => expect(FILE_SECRET.length).toBeGreaterThan(20));

  it("POST /v1/email/preview: render, include and layout in the subject, preheader and body are problems of their field", async () => {
    for (const tag of [PARTIAL, '{% include "package.json" %}', '{% layout "package.json" %}']) {
      const { status, body, text } = await h.call("POST", "/v1/email/preview", {
        subject: tag,
        preheader: tag,
        body: mjml(`<mj-text>${tag}</mj-text>`),
      });
      expect(status).toBe(200);
      expect(text).not.toContain(FILE_SECRET);
      expect(body.problems).toEqual(
        ["subject", "preheader", "body"].map((field) =>
          expect.objectContaining({
            code: "partial-not-allowed",
            field,
            message: expect.stringContaining("partials are not available"),
          }),
        ),
      );
    }
  });

  it("POST /v1/email/test-send and PUT /v1/email/templates refuse a partial", async () => {
    const sent = await h.call("POST", "/v1/email/test-send", {
      subject: PARTIAL,
      body: mjml("<mj-text>Hi</mj-text>"),
      to: "qa@example.com",
    });
    expect(sent.status).toBe(422);
    expect(sent.body.error.problems).toEqual([
      expect.objectContaining({ path: "subject", code: "partial-not-allowed" }),
    ]);
    expect(sent.text).not.toContain(FILE_SECRET);
    const saved = await h.call("PUT", "/v1/email/templates/leaky", {
      name: "Leaky",
      subject: "Hi",
      body: mjml(`<mj-text>${PARTIAL}</mj-text>`),
    });
    expect(saved.status).toBe(422);
    expect(saved.body.error.problems).toEqual([expect.objectContaining({ path: "body", code: "partial-not-allowed" })]);
  });

  it("POST /v1/notifications/preview: a partial in the title, body or link is a problem of its field", async () => {
    const { status, body, text } = await h.call("POST", "/v1/notifications/preview", {
      title: PARTIAL,
      body: PARTIAL,
      link: PARTIAL,
    });
    expect(status).toBe(200);
    expect(text).not.toContain(FILE_SECRET);
    expect(body.problems).toEqual(
      ["title", "body", "link"].map((field) => ({
        field,
        code: "partial-not-allowed",
        message: expect.stringContaining("partials are not available"),
      })),
    );
  });

  it("POST /v1/webhooks/test: a partial in the payload fails without showing the file", async () => {
    for (const dryRun of [true, false]) {
      const { status, body, text } = await h.call("POST", "/v1/webhooks/test", {
        endpoint: "http://127.0.0.1:9/hook",
        payload: PARTIAL,
        dryRun,
      });
      expect(status).toBe(200);
      expect(text).not.toContain(FILE_SECRET);
      expect(body).toMatchObject({
        outcome: "failed",
        code: "webhook_payload_invalid",
        message: expect.stringContaining("partials are not available"),
      });
    }
  });

  it("POST /v1/journeys/{id}/validate and publish: a partial in any email, notification or webhook field names the step and field", async () => {
    const id = await createJourney([
      { id: "mail", type: "email", subject: PARTIAL, body: mjml("<mj-text>Hi</mj-text>") },
      { id: "note", type: "notification", title: "Hi", link: PARTIAL },
      { id: "hook", type: "webhook", endpoint: "https://hooks.example.com/a", payload: PARTIAL },
    ]);
    const expected = [
      expect.objectContaining({
        code: "partial-not-allowed",
        stepId: "mail",
        path: "steps[1].subject",
        field: "subject",
        line: 1,
        column: 1,
      }),
      expect.objectContaining({
        code: "partial-not-allowed",
        stepId: "note",
        path: "steps[2].link",
        field: "link",
        line: 1,
        column: 1,
      }),
      expect.objectContaining({
        code: "partial-not-allowed",
        stepId: "hook",
        path: "steps[3].payload",
        field: "payload",
        line: 1,
        column: 1,
      }),
    ];
    expect((await h.call("POST", `/v1/journeys/${id}/validate`)).body).toEqual({ valid: false, problems: expected });
    const published = await h.call("POST", `/v1/journeys/${id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.problems).toEqual(expected);
  });
});

describe("finding 2: a template over a limit is a problem naming its field, not a stall", () => {
  it("POST /v1/notifications/preview: a long loop in the title is a template-limit problem", async () => {
    const { status, body } = await h.call("POST", "/v1/notifications/preview", { title: LONG_LOOP, body: "ok" });
    expect(status).toBe(200);
    expect(body.problems).toEqual([
      { field: "title", code: "template-limit", message: expect.stringContaining("limit") },
    ]);
    expect(body.body).toBe("ok");
  });

  it("POST /v1/email/preview: a loop in the body, preheader or subject is a template-limit problem of that field", async () => {
    const { status, body } = await h.call("POST", "/v1/email/preview", {
      subject: LONG_LOOP,
      preheader: NESTED_LOOP,
      body: mjml(`<mj-text>${LONG_LOOP}</mj-text>`),
    });
    expect(status).toBe(200);
    expect(body.problems).toEqual(
      ["subject", "preheader", "body"].map((field) => expect.objectContaining({ code: "template-limit", field })),
    );
  });

  it("PUT /v1/email/templates refuses a template over a limit", async () => {
    const saved = await h.call("PUT", "/v1/email/templates/loop", {
      name: "Loop",
      subject: "Hi",
      body: mjml(`<mj-text>${NESTED_LOOP}</mj-text>`),
    });
    expect(saved.status).toBe(422);
    expect(saved.body.error.problems).toEqual([expect.objectContaining({ path: "body", code: "template-limit" })]);
  });

  it("POST /v1/webhooks/test: a nested loop in the payload fails with template_limit", async () => {
    const { status, body } = await h.call("POST", "/v1/webhooks/test", {
      endpoint: "http://127.0.0.1:9/hook",
      payload: NESTED_LOOP,
      dryRun: true,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "failed", code: "template_limit", payload: null });
  });

  it("POST /v1/journeys/{id}/validate and publish: loops over a limit name the step and field", async () => {
    const id = await createJourney([
      { id: "mail", type: "email", subject: "Hi", body: mjml(`<mj-text>${LONG_LOOP}</mj-text>`) },
      { id: "note", type: "notification", title: "Hi", body: NESTED_LOOP },
      { id: "hook", type: "webhook", endpoint: "https://hooks.example.com/a", payload: `{"n": "${NESTED_LOOP}"}` },
    ]);
    const expected = [
      expect.objectContaining({ code: "template-limit", stepId: "mail", path: "steps[1].body", field: "body" }),
      expect.objectContaining({ code: "template-limit", stepId: "note", path: "steps[2].body", field: "body" }),
      expect.objectContaining({ code: "template-limit", stepId: "hook", path: "steps[3].payload", field: "payload" }),
    ];
    expect((await h.call("POST", `/v1/journeys/${id}/validate`)).body).toEqual({ valid: false, problems: expected });
    const published = await h.call("POST", `/v1/journeys/${id}/publish`);
    expect(published.status).toBe(422);
    expect(published.body.error.problems).toEqual(expected);
  });
});
