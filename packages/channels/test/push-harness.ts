import type { JourneyDocument } from "@overture/core";
import { createSecretBox, type Delivery } from "@overture/runtime";
import type { ChannelDeps } from "../src/channel-module.ts";
import { PUSH_MIGRATIONS } from "../src/push/push-tables.ts";
import { type ChannelRuntime, openChannelRuntime } from "./webhook-harness.ts";

/** The server secret the tests' VAPID private keys are sealed with (OVERTURE_SECRET in production). */
export const PUSH_TEST_SECRET = "push test server secret";

/** A runtime with the push tables and the ChannelDeps a module gets, pushes allowed to loopback. */
export async function openPushRuntime(databaseUrl?: string): Promise<{ rt: ChannelRuntime; deps: ChannelDeps }> {
  const rt = await openChannelRuntime({ databaseUrl });
  await rt.overture.store.sql.migrate(PUSH_MIGRATIONS);
  const deps: ChannelDeps = {
    store: rt.overture.store,
    clock: rt.clock,
    secrets: createSecretBox(PUSH_TEST_SECRET),
    env: { PUSH_ALLOW: "127.0.0.1", PUSH_SUBJECT: "mailto:ops@example.com" },
    publicUrl: () => "http://127.0.0.1:1",
    dataDir: "",
    demo: false,
    devSinks: new Map(),
  };
  return { rt, deps };
}

/**
 * Publishes, straight into the store, a version whose document has a push step `step` (the core learns the push
 * step from the registry the lead adds; until then journeys.create would refuse the type). Returns the delivery the
 * outbox would hand the push channel for `customerId`.
 */
export async function pushDelivery(
  rt: ChannelRuntime,
  step: { title: string; body: string; url?: string; icon?: string },
  customerId: string,
  key = "push-key-1",
): Promise<Delivery> {
  const store = rt.overture.store;
  const journeyId = `j_push_${key}`;
  const now = rt.clock.now();
  const document = {
    schemaVersion: 1,
    name: "Push test",
    settings: { reentry: "always" },
    steps: [
      { id: "start", type: "trigger", trigger: { type: "event", event: "signed_up" }, next: "ping" },
      { id: "ping", type: "push", ...step, next: "done" },
      { id: "done", type: "exit" },
    ],
  } as unknown as JourneyDocument;
  await store.insertJourney({
    workspaceId: rt.ws,
    id: journeyId,
    name: "Push test",
    status: "active",
    draft: document,
    currentVersion: 1,
    tags: [],
    owner: "",
    createdAt: now,
    updatedAt: now,
  });
  await store.insertVersion(rt.ws, { journeyId, version: 1, document, publishedAt: now });
  return {
    key,
    workspaceId: rt.ws,
    customerId,
    channel: "push",
    journeyId,
    version: 1,
    stepId: "ping",
    payload: { journeyId, version: 1, context: { trigger: { name: "signed_up", properties: { plan: "pro" } } } },
    attempt: 1,
  };
}
