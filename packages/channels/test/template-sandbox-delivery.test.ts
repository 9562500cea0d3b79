import type { JourneyDocumentInput } from "@overture/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notificationChannel } from "../src/notifications/notification-channel.ts";
import { ensurePolicySchema } from "../src/policy/policy-settings.ts";
import { ensurePortalSchemas } from "../src/portal-identity/portal-schemas.ts";
import { createWebhookChannel } from "../src/webhook/webhook-channel.ts";
import { ensureWebhookSchema } from "../src/webhook/webhook-endpoints.ts";
import { openEmailHarness } from "./email-harness.ts";

// Issue 12, findings 1 and 2, at delivery: a version published before templates were checked (the runtime publishes
// what it is given) holds a partial or a loop over a limit. Each such send is a dead letter with its reason, at its
// first attempt: no file is read, nothing stalls, nothing crashes.

type Harness = Awaited<ReturnType<typeof openEmailHarness>>;
let h: Harness;
beforeEach(async () => {
  h = await openEmailHarness();
  await ensurePortalSchemas(h.overture.store);
  await ensureWebhookSchema(h.overture.store);
  await ensurePolicySchema(h.overture.store);
  h.overture.dispatcher.register(notificationChannel(h.overture.store, h.clock));
  // The payload never renders, so nothing is ever sent to this loopback address.
  h.overture.dispatcher.register(createWebhookChannel({ store: h.overture.store, clock: h.clock, allow: "127.0.0.1" }));
});
afterEach(() => h.close());

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;
const PARTIAL = '{% render "package.json" %}';
const LOOP = "{% for i in (1..100000000) %}x{% endfor %}";
const SPIN =
  "{% assign r = (1..400) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}";

/** purchase.completed → an email, a notification and a webhook, each with `template` in one field → exit. */
function journey(name: string, template: string): JourneyDocumentInput {
  return {
    schemaVersion: 1,
    name,
    settings: { reentry: "always" },
    steps: [
      { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "mail" },
      { id: "mail", type: "email", subject: "Hi", body: mjml(`<mj-text>${template}</mj-text>`), next: "note" },
      { id: "note", type: "notification", title: "Hi", body: template, next: "hook" },
      { id: "hook", type: "webhook", endpoint: "http://127.0.0.1:9/hook", payload: template, next: "done" },
      { id: "done", type: "exit" },
    ],
  } as JourneyDocumentInput;
}

async function deliveredRows(template: string) {
  await h.publish(journey("Hostile", template));
  await h.overture.customers.upsert(h.workspaceId, {
    id: "c1",
    attributes: { email: "c1@example.com", firstName: "Cy" },
  });
  await h.overture.events.ingest(h.workspaceId, [{ name: "purchase.completed", customerId: "c1", properties: {} }]);
  await h.settle();
  const rows = await h.overture.store.outboxOf(h.workspaceId, { customerId: "c1" });
  return Object.fromEntries(rows.map((r) => [r.channel, r]));
}

describe("hostile templates at delivery", () => {
  it("dead-letters a partial in an email, a notification and a webhook payload, without reading the file", async () => {
    const rows = await deliveredRows(PARTIAL);
    for (const channel of ["email", "notification", "webhook"]) {
      expect(rows[channel], channel).toMatchObject({
        status: "dead",
        attempts: 1,
        lastError: expect.stringContaining("partials are not available"),
      });
      expect(rows[channel]?.lastError, channel).not.toContain("workspaces");
    }
    expect(h.mailbox.list()).toEqual([]);
  });

  it("dead-letters a loop over the memory limit as template_limit", async () => {
    const rows = await deliveredRows(LOOP);
    for (const channel of ["email", "notification", "webhook"]) {
      expect(rows[channel], channel).toMatchObject({
        status: "dead",
        attempts: 1,
        lastError: expect.stringMatching(/^template_limit: .*memory limit/),
      });
    }
  });

  it("dead-letters a loop over the time limit as template_limit, email and notification at their second attempt", async () => {
    const first = await deliveredRows(SPIN);
    // The time limit counts wall time, which a busy thread stretches: email and notification try once more.
    for (const channel of ["email", "notification"]) {
      expect(first[channel], channel).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: expect.stringMatching(/^template_limit: .*time limit.*retried once/),
      });
    }
    expect(first.webhook).toMatchObject({ status: "dead", attempts: 1 });
    h.clock.advance(60_000);
    await h.overture.dispatcher.runUntilIdle();
    const rows = Object.fromEntries(
      (await h.overture.store.outboxOf(h.workspaceId, { customerId: "c1" })).map((r) => [r.channel, r]),
    );
    for (const channel of ["email", "notification", "webhook"]) {
      expect(rows[channel], channel).toMatchObject({
        status: "dead",
        attempts: channel === "webhook" ? 1 : 2,
        lastError: expect.stringMatching(/^template_limit: .*time limit/),
      });
    }
    expect(h.mailbox.list()).toEqual([]);
  });
});
