import type { JourneyDocument } from "@overture/core";
import { createSecretBox, type Delivery } from "@overture/runtime";
import type { ChannelDeps, DevSink } from "../src/channel-module.ts";
import { SMS_MIGRATIONS } from "../src/sms/sms-settings.ts";
import { type ChannelRuntime, openChannelRuntime, TEST_SERVER_SECRET } from "./webhook-harness.ts";

/** A real runtime (SQLite, or PostgreSQL at `databaseUrl`) with the SMS table, and the deps a channel module is given. */
export async function openSmsRuntime(options: { databaseUrl?: string } = {}) {
  const rt: ChannelRuntime = await openChannelRuntime(options);
  await rt.overture.store.sql.migrate(SMS_MIGRATIONS);
  const devSinks = new Map<string, DevSink>();
  const deps: ChannelDeps = {
    store: rt.overture.store,
    clock: rt.clock,
    secrets: createSecretBox(TEST_SERVER_SECRET),
    env: {},
    publicUrl: () => "http://127.0.0.1:1",
    dataDir: "",
    demo: true,
    devSinks,
  };
  return { ...rt, deps, devSinks };
}

export type SmsRuntime = Awaited<ReturnType<typeof openSmsRuntime>>;

/** Publishes (straight into the store, as the registry is not wired yet) version 1 of a journey with one SMS step. */
export async function publishSmsStep(rt: SmsRuntime, body: string, journeyId = "j-sms"): Promise<void> {
  const document = {
    schemaVersion: 1,
    name: "SMS",
    settings: { reentry: "always" },
    steps: [
      { id: "start", type: "trigger", trigger: { type: "event", event: "go" }, next: "text" },
      { id: "text", type: "sms", body, next: "done" },
      { id: "done", type: "exit" },
    ],
  } as unknown as JourneyDocument;
  await rt.overture.store.insertVersion(rt.ws, { journeyId, version: 1, document, publishedAt: rt.clock.now() });
}

/** An outbox row of that step for `customerId`, as the dispatcher hands it over. */
export function smsDelivery(
  rt: SmsRuntime,
  customerId: string,
  context: Delivery["payload"]["context"] = {},
): Delivery {
  return {
    key: `i-${customerId}:text:1`,
    workspaceId: rt.ws,
    customerId,
    channel: "sms",
    journeyId: "j-sms",
    version: 1,
    stepId: "text",
    payload: { journeyId: "j-sms", version: 1, context },
    attempt: 1,
  };
}
