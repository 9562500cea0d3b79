import type { Json } from "@overture/core";
import { describe, expect, it } from "vitest";
import { fieldsToPayload, type PayloadField } from "../../editor/src/panel/webhook-payload/payload-fields.ts";
import { type PayloadScope, parsePayloadTemplate, renderPayload } from "../src/webhook/render-payload.ts";
import { sendTestWebhook } from "../src/webhook/test-webhook.ts";

const scope = (customer: Record<string, string | number>, properties: Record<string, Json> = {}): PayloadScope => ({
  customer: { id: "c1", ...customer },
  event: { name: "purchase.completed", properties },
  context: {},
  journey: { id: "j", version: 1, stepId: "tell-billing" },
});

const FIELDS: PayloadField[] = [
  { name: "greeting", type: "text", value: 'Hi {{ customer.first_name | default: "there" }}, "welcome"' },
  { name: "email", type: "text", value: '{{ customer.email | default: "" }}' },
  { name: "order.amount", type: "number", value: "{{ event.properties.amount | default: 0 }}" },
  { name: "order.priority", type: "boolean", value: "true" },
  { name: "plan", type: "variable", value: "{{ customer.plan }}" },
];

/** Issue 15, defect 5: what the editor's field builder writes is what a webhook step sends, rendered by the runtime's own code. */
describe("webhook payloads written by the field builder", () => {
  it("render to the JSON the rows say, with quotes in values kept and missing values falling back", async () => {
    const template = parsePayloadTemplate(fieldsToPayload(FIELDS) ?? "", "tell-billing");
    const full = JSON.parse(
      await renderPayload(
        template,
        scope({ first_name: 'Ann "A"', email: "ann@example.com", plan: "pro" }, { amount: "49.99" }),
      ),
    );
    expect(full).toEqual({
      greeting: 'Hi Ann "A", "welcome"',
      email: "ann@example.com",
      order: { amount: 49.99, priority: true },
      plan: "pro",
    });
    const empty = JSON.parse(await renderPayload(template, scope({})));
    expect(empty).toEqual({
      greeting: 'Hi there, "welcome"',
      email: "",
      order: { amount: 0, priority: true },
      plan: null,
    });
  });

  it("a preview names the step and says the mistake in words, not liquidjs's line and column", async () => {
    const store = { sql: undefined, getCustomer: async () => null } as unknown as Parameters<typeof sendTestWebhook>[0];
    const input = {
      endpoint: "https://example.test/hook",
      payload: '{"name": "{{ customer.first_name }"}',
      stepName: "Tell billing",
      dryRun: true,
    };
    const result = await sendTestWebhook(store, "ws", input, { now: 0 });
    expect(result).toMatchObject({
      outcome: "failed",
      code: "webhook_payload_invalid",
      message:
        "The payload of step 'Tell billing' has a mistake: `{{ customer.first_name }` is missing its closing `}}`",
    });
    const notJson = await sendTestWebhook(
      store,
      "ws",
      { ...input, payload: '{"name": {{ customer.firstName }}}' },
      { now: 0 },
    );
    expect(notJson).toMatchObject({
      outcome: "failed",
      message: expect.stringMatching(/^The payload of step 'Tell billing' is not JSON once filled in/),
    });
  });
});
