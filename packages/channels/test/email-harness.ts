import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmailChannel,
  createMailbox,
  type EmailChannel,
  type ResolveRecommendations,
  startDevSmtpServer,
} from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { openOverture, VirtualClock } from "@overture/runtime";

/** 2026-01-05T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const BASE_URL = "https://overture.test";
export const SECRET = "test-signing-secret";

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

/** purchase → welcome email → wait 1 day → tips email (recommendations) → exit. */
export const EMAIL_JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Email test",
  settings: { reentry: "never" },
  steps: [
    { id: "purchase", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    {
      id: "welcome",
      type: "email",
      subject: "Welcome, {{ customer.firstName }}!",
      preheader: "Thanks for buying {{ event.product }}",
      body: mjml(
        `<mj-text>Hi {{ customer.firstName }}, enjoy {{ trigger.properties.product }}.</mj-text><mj-button href="{{ portalUrl }}/start">Open your portal</mj-button>`,
      ),
      next: "wait",
    },
    { id: "wait", type: "wait", wait: { type: "duration", duration: "1d" }, next: "recommend" },
    {
      id: "recommend",
      type: "recommend",
      count: 2,
      into: "recommendations",
      fallbackTopics: ["billing"],
      next: "tips",
    },
    {
      id: "tips",
      type: "email",
      subject: "Picked for you",
      body: mjml(
        `{% for item in recommendations.items %}<mj-text><a href="{{ item.url }}">{{ item.title }}</a></mj-text>{% endfor %}`,
      ),
      next: "done",
    },
    { id: "done", type: "exit" },
  ],
};

/**
 * A real runtime on SQLite under virtual time, its email channel sending over real SMTP to the development SMTP
 * server on loopback, whose mailbox the tests read.
 */
export async function openEmailHarness(options: { resolveRecommendations?: ResolveRecommendations } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "overture-email-"));
  const mailbox = createMailbox({ file: join(dir, "mailbox.jsonl") });
  const smtp = await startDevSmtpServer(mailbox);
  const clock = new VirtualClock(T0);
  const overture = await openOverture({ dataDir: dir, clock, durability: "normal" });
  const channel: EmailChannel = createEmailChannel({
    store: overture.store,
    smtpUrl: smtp.url,
    from: '"Overture test" <hello@overture.test>',
    baseUrl: BASE_URL,
    portalUrl: "https://portal.test",
    signingSecret: SECRET,
    resolveRecommendations: options.resolveRecommendations,
  });
  overture.dispatcher.register(channel);
  const { workspaceId } = await overture.workspaces.ensureDefault();

  /** Runs the engine and the dispatcher until nothing is due now. */
  async function settle() {
    await overture.engine.runUntilIdle();
    await overture.dispatcher.runUntilIdle();
  }

  async function publish(document: JourneyDocumentInput = EMAIL_JOURNEY) {
    const journey = await overture.journeys.create(workspaceId, { name: document.name, document });
    await overture.journeys.publish(workspaceId, journey.id);
    return journey.id;
  }

  return {
    dir,
    overture,
    clock,
    mailbox,
    smtp,
    channel,
    workspaceId,
    settle,
    publish,
    async close() {
      channel.close();
      await overture.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
