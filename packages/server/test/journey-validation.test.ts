import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./test-app.ts";

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(() => t.close());

/** signed.up → the given steps in a row → exit. */
const journey = (steps: Array<Record<string, unknown>>) => ({
  schemaVersion: 1,
  name: "Checked",
  settings: { reentry: "always" },
  steps: [
    {
      id: "start",
      type: "trigger",
      trigger: { type: "event", event: "signed.up" },
      next: String(steps[0]?.id ?? "done"),
    },
    ...steps.map((s, i) => ({ ...s, next: String(steps[i + 1]?.id ?? "done") })),
    { id: "done", type: "exit" },
  ],
});

/** Creates the journey and answers what validate and publish say about it. */
async function check(steps: Array<Record<string, unknown>>) {
  const created = await t.call("POST", "/v1/journeys", { body: { name: "Checked", document: journey(steps) } });
  expect(created.status).toBe(201);
  const validated = await t.call("POST", `/v1/journeys/${created.body.id}/validate`);
  const published = await t.call("POST", `/v1/journeys/${created.body.id}/publish`);
  return { id: created.body.id as string, validated: validated.body, published };
}

describe("notification Liquid is checked at validate and publish", () => {
  it("reports bad Liquid and unknown variables in title, body and link, with field, line and column", async () => {
    const { validated, published, id } = await check([
      {
        id: "note",
        type: "notification",
        title: "Hi {{ customer.firstName }",
        body: "Welcome!\n{% if customer.vip %}You are VIP",
        link: "https://portal.test/{{ custmer.id }}",
      },
    ]);
    const expected = [
      expect.objectContaining({
        code: "liquid-syntax",
        stepId: "note",
        path: "steps[1].title",
        field: "title",
        line: 1,
        column: 4,
      }),
      expect.objectContaining({
        code: "liquid-syntax",
        stepId: "note",
        path: "steps[1].body",
        field: "body",
        line: 2,
        column: 1,
      }),
      expect.objectContaining({
        code: "unknown-variable",
        stepId: "note",
        path: "steps[1].link",
        field: "link",
        line: 1,
        column: 24,
        message: expect.stringContaining("custmer"),
      }),
    ];
    expect(validated).toEqual({ valid: false, problems: expected });
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe("journey_invalid");
    expect(published.body.error.problems).toEqual(expected);
    expect((await t.call("GET", `/v1/journeys/${id}`)).body.currentVersion).toBeNull();
  });

  it("publishes a notification whose Liquid is fine, reading the journey context too", async () => {
    const { validated, published } = await check([
      { id: "recommend", type: "recommend", count: 2, into: "picks" },
      {
        id: "note",
        type: "notification",
        title: "Hi {{ customer.firstName | default: 'there' }}",
        body: "{{ picks.count }} for you",
        link: "/{{ journey.id }}",
      },
    ]);
    expect(validated).toEqual({ valid: true, problems: [] });
    expect(published.status).toBe(201);
  });
});

describe("webhook steps are checked at validate and publish", () => {
  it("reports an endpoint that is not configured, on the step; a URL is not looked up; configuring it makes it publishable", async () => {
    const steps = [
      { id: "crm", type: "webhook", endpoint: "crm.orders", payload: '{ "who": {{ customer.id | json }} }' },
      { id: "direct", type: "webhook", endpoint: "https://hooks.example.com/in" },
    ];
    const { validated, published, id } = await check(steps);
    expect(validated).toEqual({
      valid: false,
      problems: [
        {
          code: "unknown-endpoint",
          stepId: "crm",
          path: "steps[1].endpoint",
          message: "Step 'crm' uses the endpoint 'crm.orders', which does not exist (there are no endpoints yet)",
        },
      ],
    });
    expect(published.status).toBe(422);
    expect(published.body.error.problems).toEqual([
      expect.objectContaining({ code: "unknown-endpoint", stepId: "crm" }),
    ]);

    expect(
      (await t.call("PUT", "/v1/webhook-endpoints/crm", { body: { url: "https://crm.example.com/hook" } })).status,
    ).toBe(200);
    const other = await t.call("POST", `/v1/journeys/${id}/validate`);
    expect(other.body.problems[0].message).toContain("known endpoints: crm");
    await t.call("PUT", "/v1/webhook-endpoints/crm.orders", { body: { url: "https://crm.example.com/orders" } });
    expect((await t.call("POST", `/v1/journeys/${id}/validate`)).body).toEqual({ valid: true, problems: [] });
    expect((await t.call("POST", `/v1/journeys/${id}/publish`)).status).toBe(201);
  });

  it("reports payload Liquid that does not parse, and a payload that is not JSON for sample values, with line and column", async () => {
    const { validated, published } = await check([
      {
        id: "broken",
        type: "webhook",
        endpoint: "https://hooks.example.com/a",
        payload: '{\n  "order": {{ event.properties.order | json }\n}',
      },
      {
        id: "unquoted",
        type: "webhook",
        endpoint: "https://hooks.example.com/b",
        payload: '{\n  "name": {{ customer.firstName }}\n}',
      },
      { id: "comma", type: "webhook", endpoint: "https://hooks.example.com/c", payload: '{ "a": 1,\n  "b": 2, }' },
    ]);
    const expected = [
      expect.objectContaining({
        code: "liquid-syntax",
        stepId: "broken",
        path: "steps[1].payload",
        field: "payload",
        line: 2,
        column: 12,
      }),
      expect.objectContaining({
        code: "payload-not-json",
        stepId: "unquoted",
        path: "steps[2].payload",
        field: "payload",
        line: 2,
        column: 11,
        message: expect.stringContaining("{{ customer.firstName | json }}"),
      }),
      expect.objectContaining({
        code: "payload-not-json",
        stepId: "comma",
        path: "steps[3].payload",
        field: "payload",
        line: 2,
        column: 11,
      }),
    ];
    expect(validated).toEqual({ valid: false, problems: expected });
    expect(published.status).toBe(422);
    expect(published.body.error.problems).toEqual(expected);
  });
});

describe("email templates are checked at validate and publish in the author's words (issue 15, defect 2)", () => {
  const BODY =
    "<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n      <mj-text>Hi</mj-text>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>";
  const subjectProblem = {
    code: "liquid-syntax",
    stepId: "welcome",
    path: "steps[1].subject",
    field: "subject",
    line: 1,
    column: 7,
    message: "`{{ customer.first_name }` is missing its closing `}}`",
  };

  it("names the unclosed output in the subject as typed, with its position in the subject, at validate and publish alike", async () => {
    const { validated, published } = await check([
      { id: "welcome", type: "email", subject: "Hello {{ customer.first_name }", body: BODY },
    ]);
    expect(validated).toEqual({ valid: false, problems: [subjectProblem] });
    expect(published.status).toBe(422);
    expect(published.body.error.message).toBe("The journey has 1 problem(s); fix them before publishing");
    expect(published.body.error.problems).toEqual([subjectProblem]);
  });

  it("checks a document sent in the body instead of the saved draft, so the editor can list what is on screen", async () => {
    const { id } = await check([{ id: "welcome", type: "email", subject: "Hello", body: BODY }]);
    const onScreen = journey([{ id: "welcome", type: "email", subject: "Hello {{ customer.first_name }", body: BODY }]);
    const checked = await t.call("POST", `/v1/journeys/${id}/validate`, { body: { document: onScreen } });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ valid: false, problems: [subjectProblem] });
    // Without a body, the saved draft (which is fine) is checked, as before.
    expect((await t.call("POST", `/v1/journeys/${id}/validate`)).body).toEqual({ valid: true, problems: [] });
    expect((await t.call("POST", "/v1/journeys/nope/validate", { body: { document: onScreen } })).status).toBe(404);
  });
});

describe("an email step's own template is checked only when it is what is sent (issue 15, defect 2)", () => {
  it("says once, in the core's words, that an empty email has no content, and leaves a step sending a saved template to that template", async () => {
    await t.call("PUT", "/v1/email/templates/welcome", {
      body: {
        name: "Welcome",
        subject: "Hi",
        body: "<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>",
      },
    });
    const { validated } = await check([
      { id: "empty", type: "email", subject: "", preheader: "", body: "" },
      { id: "saved", type: "email", subject: "", body: "", templateId: "welcome" },
    ]);
    expect(validated).toEqual({
      valid: false,
      problems: [expect.objectContaining({ code: "email-without-content", stepId: "empty" })],
    });
  });
});
