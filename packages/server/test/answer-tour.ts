import { notificationChannel } from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { hashKey, PermanentError } from "@overture/runtime";
import { API_JOURNEY, basicAuth, type TestApp, WELCOME_JOURNEY } from "./test-app.ts";

/** A journey whose one channel step is a portal notification, so the inbox routes have something to show. */
const INBOX_JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Portal welcome",
  settings: { reentry: "always" },
  steps: [
    { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "hello" },
    { id: "hello", type: "notification", title: "Welcome", body: "Your plan is ready.", link: "/start", next: "done" },
    { id: "done", type: "exit" },
  ],
};

type Call = TestApp["call"];

/**
 * What a workspace does in a day, through the API only: journeys drafted, published, run and paused; events from our
 * API and Segment's; content, slots, the portal inbox, identity, webhooks, the outbox, templates, senders and a
 * draft simulation. Each call goes through `call`, which the caller checks against the route's schema.
 */
export async function tourTheApi(t: TestApp, call: Call): Promise<void> {
  const write = { key: t.keys.writeKey };
  // A stand-in mail provider: customers without a mailbox end as dead letters, the others are sent.
  t.overture.dispatcher.register({
    channel: "email",
    async deliver(d) {
      if (d.customerId.startsWith("nomail")) throw new PermanentError("no_email_address", "no_email_address: none");
      return { ok: true };
    },
  });
  t.overture.dispatcher.register(notificationChannel(t.overture.store, t.clock));
  const runAll = async () => {
    await t.overture.engine.runUntilIdle();
    await t.overture.dispatcher.runUntilIdle();
  };

  for (const path of ["/health", "/health/live", "/health/ready"]) await call("GET", path, { key: null });

  // Journeys
  const id = (await call("POST", "/v1/journeys", { body: { name: "Welcome", document: WELCOME_JOURNEY } })).body.id;
  const j = `/v1/journeys/${id}`;
  await call("GET", "/v1/journeys");
  await call("GET", j);
  await call("PUT", j, { body: { tags: ["onboarding"], owner: "ada@example.com" } });
  await call("POST", `${j}/duplicate`);
  await call("PUT", `${j}/draft`, { body: WELCOME_JOURNEY });
  await call("POST", `${j}/validate`, { body: {} });
  await call("POST", `${j}/publish`);
  await call("GET", `${j}/versions`);
  await call("GET", `${j}/versions/1`);
  const inbox = (await call("POST", "/v1/journeys", { body: { name: "Inbox", document: INBOX_JOURNEY } })).body.id;
  await call("POST", `/v1/journeys/${inbox}/publish`);

  // Events, ours and Segment's
  const purchase = (customerId: string) => ({ name: "purchase.completed", customerId, properties: {} });
  await call("POST", "/v1/events", { ...write, body: purchase("ada") });
  await call("POST", "/v1/events/batch", { ...write, body: { events: [purchase("nomail-1"), purchase("grace")] } });
  const segment = { headers: { authorization: basicAuth(t.keys.writeKey) } };
  for (const prefix of ["", "/segment"]) {
    await call("POST", `${prefix}/v1/identify`, { ...segment, body: { userId: "lin", traits: { plan: "pro" } } });
    await call("POST", `${prefix}/v1/track`, { ...segment, body: { userId: "lin", event: "portal.login" } });
    await call("POST", `${prefix}/v1/page`, { ...segment, body: { userId: "lin", name: "Pricing" } });
    await call("POST", `${prefix}/v1/screen`, { ...segment, body: { userId: "lin", name: "Home" } });
    const batch = [{ type: "track", userId: "lin", event: "portal.login" }];
    await call("POST", `${prefix}/v1/batch`, { ...segment, body: { batch } });
    await call("POST", `${prefix}/v1/import`, { ...segment, body: { batch } });
  }
  await runAll();

  // What the journey did
  await call("GET", `${j}/stats`);
  await call("GET", `${j}/report?interval=hour&from=2025-01-05T00:00:00Z&to=2025-01-08T00:00:00Z`);
  await call("GET", "/v1/reports/overview");
  await call("GET", `${j}/steps/wait-login/customers`);
  await call("GET", `${j}/deliveries`);
  await call("GET", `${j}/steps/welcome/deliveries?version=1`);
  await call("PUT", "/v1/customers/ada", { body: { attributes: { firstName: "Ada", timezone: "Europe/Paris" } } });
  await call("GET", "/v1/customers/ada");
  const started = (await call("POST", "/v1/journeys", { body: { name: "By API", document: API_JOURNEY } })).body.id;
  await call("POST", `/v1/journeys/${started}/publish`);
  await call("POST", `/v1/journeys/${started}/start`, { body: { customerId: "ada", properties: { source: "tour" } } });

  // Content and slots
  const item = { title: "What's new", url: "/new", type: "article", topics: ["news"] };
  await call("POST", "/v1/content", { body: { id: "whats-new", ...item } });
  await call("GET", "/v1/content?topic=news");
  await call("POST", "/v1/content/import", { body: [{ id: "tips", title: "Tips", url: "/tips" }] });
  await call("GET", "/v1/content/whats-new");
  await call("PUT", "/v1/content/tips", { body: { title: "Tips and tricks", url: "/tips" } });
  await call("PUT", "/v1/slots/dashboard.hero", { body: { defaultContentId: "whats-new", description: "Hero" } });
  await call("GET", "/v1/slots/dashboard.hero");
  await call("GET", "/v1/slots");
  await call("GET", "/v1/usage");
  await call("DELETE", "/v1/content/tips");

  // The portal, as a customer's browser calls it
  const token = (await call("GET", "/v1/portal/token?customerId=ada")).body.token;
  const customer = { ...write, headers: { "x-customer-id": "ada", "x-customer-token": token } };
  await call("GET", "/v1/portal/slots?slots=dashboard.hero,sidebar", customer);
  const notifications = (await call("GET", "/v1/portal/notifications", customer)).body.notifications;
  await call("POST", `/v1/portal/notifications/${notifications[0].id}/read`, customer);
  await call("POST", `/v1/portal/notifications/${notifications[0].id}/dismiss`, customer);
  await call("POST", "/v1/portal/stream-ticket", customer);

  // Identity
  await call("GET", "/v1/identity-settings");
  await call("PUT", "/v1/identity-settings", { body: { protectedAttributes: ["plan"] } });
  await call("GET", "/v1/identity-secrets");
  await call("POST", "/v1/identity-secrets/rotate", { body: { overlapSeconds: 3600 } });

  // Single sign-on: off in the test app (no provider), which the sign-in screen asks before showing its button
  await call("GET", "/v1/sso");

  // Webhooks (nothing is called: the endpoint is only stored, the test call only renders)
  await call("PUT", "/v1/webhook-endpoints/crm", { body: { url: "http://127.0.0.1:9/hook", timeoutMs: 1000 } });
  await call("GET", "/v1/webhook-endpoints");
  await call("GET", "/v1/webhook-signing-secret");
  await call("POST", "/v1/webhook-signing-secret/rotate");
  await call("POST", "/v1/webhooks/test", {
    body: { endpoint: "crm", payload: '{"id":"{{ customer.id }}"}', dryRun: true },
  });
  await call("DELETE", "/v1/webhook-endpoints/crm");
  await call("POST", "/v1/notifications/preview", {
    body: { title: "Hi {{ customer.firstName }}", customerId: "ada" },
  });

  // The outbox and the delivery policy
  const dead = (await call("GET", "/v1/outbox?status=dead")).body.items;
  await call("GET", `/v1/outbox/${dead[0].seq}`);
  await call("POST", `/v1/outbox/${dead[0].seq}/retry`);
  await call("POST", "/v1/outbox/redrive", { body: { channel: "email", dryRun: true } });
  await call("GET", "/v1/outbox/circuits");
  const policy = (await call("GET", "/v1/delivery-policy")).body;
  await call("PUT", "/v1/delivery-policy", { body: policy });
  await call("GET", "/v1/catalog");

  // Email templates and sender identities
  const template = {
    name: "Welcome",
    subject: "Hi {{ customer.firstName }}",
    body: "<mjml><mj-body></mj-body></mjml>",
  };
  await call("PUT", "/v1/email/templates/welcome", { body: template });
  await call("GET", "/v1/email/templates");
  await call("GET", "/v1/email/templates/welcome");
  await call("DELETE", "/v1/email/templates/welcome");
  await call("PUT", "/v1/sender-identities/marketing", { body: { fromName: "Acme", fromAddress: "hello@acme.test" } });
  await call("GET", "/v1/sender-identities");
  await call("DELETE", "/v1/sender-identities/marketing");

  // A draft simulation, then the journey's lifecycle
  const simulation = (await call("POST", `${j}/simulations`, { body: { customers: 5, days: 1 } })).body.id;
  await call("GET", `${j}/simulations/${simulation}`);
  await call("POST", `${j}/pause`);
  await call("POST", `${j}/resume`);
  await call("POST", `${j}/archive`);

  // Customers' data rights: ada's export holds her journeys, deliveries and inbox; then she is erased
  await call("GET", "/v1/customers/ada/export");
  await call("DELETE", "/v1/customers/ada");
  await call("GET", "/v1/retention");
  await call("PUT", "/v1/retention", { body: { events: 90, history: 365, deliveries: null } });
  // Approvals: asked with the secret key, decided with a second manage key (nobody decides their own request)
  const reviewer = "ovt_sk_tour_reviewer";
  await t.overture.store.insertApiKey({
    workspaceId: t.keys.workspaceId,
    keyHash: hashKey(reviewer),
    kind: "secret",
    createdAt: t.clock.now(),
  });
  await call("PUT", "/v1/approvals/settings", { body: { required: true } });
  await call("GET", "/v1/approvals/settings");
  const reviewed = (await call("POST", "/v1/journeys", { body: { name: "Reviewed", document: WELCOME_JOURNEY } })).body
    .id;
  const asked = (await call("POST", `/v1/journeys/${reviewed}/approval-requests`, { body: { note: "ok?" } })).body.id;
  await call("GET", "/v1/approval-requests");
  await call("GET", `/v1/approval-requests/${asked}`);
  await call("POST", `/v1/approval-requests/${asked}/reject`, { key: reviewer, body: { comment: "not yet" } });
  const again = (await call("POST", `/v1/journeys/${reviewed}/approval-requests`, { body: {} })).body.id;
  await call("POST", `/v1/approval-requests/${again}/approve`, { key: reviewer, body: { comment: "fine" } });
  await call("PUT", "/v1/approvals/settings", { body: { required: false } });
  // API keys and the audit log (issue 13)
  const key = (await call("POST", "/v1/keys", { body: { name: "CI", scopes: ["read"] } })).body;
  await call("GET", "/v1/keys");
  await call("POST", `/v1/keys/${key.id}/rotate`, { body: { overlapSeconds: 60 } });
  await call("DELETE", `/v1/keys/${key.id}`);
  await call("GET", "/v1/audit?limit=5");
  await call("GET", "/v1/audit/settings");
  await call("PUT", "/v1/audit/settings", { body: { retentionDays: 180 } });
}
