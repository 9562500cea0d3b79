import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  channelModules,
  createEmailChannel,
  createMailbox,
  ensurePortalSchemas,
  type Mailbox,
  NotificationFeed,
  notificationChannel,
  putSlot,
  slotChannel,
  startDevSmtpServer,
  upsertContent,
} from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { type Overture, openOverture, VirtualClock } from "@overture/runtime";
import { createTestSchema, postgresAvailable, testDatabaseUrl } from "@overture/testkit";
import { createPrivacy, type Privacy } from "../src/index.ts";

/** 2026-01-05T09:00:00Z, a Monday. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const DAY = 86_400_000;

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

/** The north star's shape: a purchase → a welcome email, an inbox notification, the hero slot switched → wait → tips. */
export const PURCHASE_JOURNEY: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Purchase follow-up",
  settings: { reentry: "always" },
  steps: [
    { id: "buy", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    {
      id: "welcome",
      type: "email",
      subject: "Welcome, {{ customer.firstName }}",
      body: mjml("<mj-text>Thanks for buying {{ trigger.properties.product }}.</mj-text>"),
      next: "hello",
    },
    { id: "hello", type: "notification", title: "Thanks", body: "Your order is on its way.", next: "hero" },
    { id: "hero", type: "personalize", slot: "dashboard.hero", contentId: "onboarding-hero", for: "14d", next: "wait" },
    { id: "wait", type: "wait", wait: { type: "duration", duration: "3d" }, next: "tips" },
    {
      id: "tips",
      type: "email",
      subject: "Tips for {{ customer.firstName }}",
      body: mjml("<mj-text>Tips</mj-text>"),
      next: "done",
    },
    { id: "done", type: "exit" },
  ],
};

/** One database the suite runs on; `skip` says why it cannot run here (never a fake database). */
export type PrivacyTarget = { name: "sqlite" | "postgres"; skip: string | false };

const pgUrl = testDatabaseUrl();
const pgUp = await postgresAvailable(pgUrl);
if (!pgUp) console.warn(`PostgreSQL is not reachable at ${pgUrl}: its data-rights tests are skipped.`);

export const TARGETS: PrivacyTarget[] = [
  { name: "sqlite", skip: false },
  { name: "postgres", skip: pgUp ? false : `no PostgreSQL at ${pgUrl}` },
];

/** A real runtime under virtual time with the email (real SMTP to the dev mailbox), inbox and slot channels. */
export type PrivacyHarness = {
  overture: Overture;
  clock: VirtualClock;
  mailbox: Mailbox;
  privacy: Privacy;
  workspaceId: string;
  settle(): Promise<void>;
  close(): Promise<void>;
};

export async function openPrivacyHarness(target: PrivacyTarget): Promise<PrivacyHarness> {
  const dir = mkdtempSync(join(tmpdir(), "overture-privacy-"));
  const schema = target.name === "postgres" ? await createTestSchema(pgUrl) : null;
  const clock = new VirtualClock(T0);
  const overture = schema
    ? await openOverture({ databaseUrl: schema.url, clock })
    : await openOverture({ dataDir: dir, clock, durability: "normal" });
  await ensurePortalSchemas(overture.store);
  for (const module of channelModules()) await overture.store.sql.migrate(module.tables ?? []);
  const mailbox = createMailbox({ file: join(dir, "mailbox.jsonl") });
  const smtp = await startDevSmtpServer(mailbox);
  const email = createEmailChannel({
    store: overture.store,
    smtpUrl: smtp.url,
    from: '"Overture test" <hello@overture.test>',
    baseUrl: "https://overture.test",
    portalUrl: "https://portal.test",
    signingSecret: "test-signing-secret",
  });
  overture.dispatcher.register(email);
  overture.dispatcher.register(notificationChannel(overture.store, clock, new NotificationFeed()));
  overture.dispatcher.register(slotChannel(overture.store, clock));
  const workspaceId = (await overture.workspaces.create("Privacy")).workspaceId;
  await upsertContent(
    overture.store,
    workspaceId,
    [{ id: "onboarding-hero", title: "Welcome aboard", summary: "", url: "/start", type: "banner", topics: ["start"] }],
    T0,
  );
  await putSlot(overture.store, workspaceId, { name: "dashboard.hero", defaultContentId: null, description: "" }, T0);
  const journey = await overture.journeys.create(workspaceId, {
    name: PURCHASE_JOURNEY.name,
    document: PURCHASE_JOURNEY,
  });
  await overture.journeys.publish(workspaceId, journey.id);
  return {
    overture,
    clock,
    mailbox,
    privacy: createPrivacy({ store: overture.store, clock, mailbox }),
    workspaceId,
    async settle() {
      await overture.engine.runUntilIdle();
      await overture.dispatcher.runUntilIdle();
    },
    async close() {
      email.close();
      await overture.close();
      await smtp.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
