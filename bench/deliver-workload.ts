import {
  type DeliveryPolicy,
  ensurePortalSchemas,
  registryConsentKinds,
  registryDeliveryPolicy,
  setUpChannels,
  setUpDelivery,
  setUpEmail,
} from "@overture/channels";
import type { JourneyDocument, Step } from "@overture/core";
import { createSecretBox, type IncomingEvent, type Overture, syntheticCustomerStream } from "@overture/runtime";
import { ONBOARDING_JOURNEY, ONBOARDING_STEPS } from "@overture/testkit";
import { Progress } from "./progress.ts";

/** The channels the deliver benchmark measures, each with the onboarding step it sends. */
export const DELIVER_CHANNELS = { email: ONBOARDING_STEPS.welcomeEmail, notification: ONBOARDING_STEPS.portalWelcome };
export type DeliverChannel = keyof typeof DELIVER_CHANNELS;

/** Purchase events per ingest call while the customers are loaded. */
const INGEST_CHUNK = 1_000;

/**
 * The onboarding journey cut down to its trigger and one delivery step, copied as it is in
 * examples/onboarding/journey.json, then an exit: the dispatcher then has only this channel's rows to deliver, so
 * the figure is that channel's. (The full journey also queues the other channel's message and a slot assignment.)
 */
export function deliverJourney(channel: DeliverChannel): { id: string; document: JourneyDocument } {
  const stepId = DELIVER_CHANNELS[channel];
  const find = (id: string): Step => {
    const found = ONBOARDING_JOURNEY.steps.find((s) => s.id === id);
    if (!found) throw new Error(`examples/onboarding/journey.json has no step "${id}"`);
    return found;
  };
  const exit: Step = { id: "bench-exit", type: "exit", name: "Exit", position: { x: 0, y: 0 } } as Step;
  const document: JourneyDocument = {
    ...ONBOARDING_JOURNEY,
    steps: [{ ...find(ONBOARDING_STEPS.trigger), next: stepId }, { ...find(stepId), next: exit.id }, exit] as Step[],
  };
  return { id: `deliver-${channel}`, document };
}

/**
 * The registry's policy with quiet hours off and no caps: every message is sendable now, whatever the hour of the
 * run. (A cap costs one more query per message; the benchmark measures sending, not the cap.)
 */
export function sendEverythingPolicy(): DeliveryPolicy {
  const policy = registryDeliveryPolicy();
  return {
    quietHours: null,
    channels: Object.fromEntries(Object.entries(policy.channels).map(([c, rules]) => [c, { ...rules, cap: null }])),
  };
}

/**
 * Wires the channels as `serve` and `worker` do (packages/cli/src/wire-channels.ts): the delivery policy around every
 * handler, email through the SMTP server at `smtpUrl`, then every channel module of the registry.
 */
export async function wireForDelivery(
  overture: Overture,
  options: { dataDir: string; smtpUrl: string; secret: string },
): Promise<{ close(): Promise<void> }> {
  const secrets = createSecretBox(options.secret);
  // The same secret signs the emails' links (loadSigningSecret reads OVERTURE_SECRET).
  const env = { OVERTURE_SECRET: options.secret };
  await setUpDelivery(overture, { secrets, policy: sendEverythingPolicy(), consent: registryConsentKinds() });
  await ensurePortalSchemas(overture.store);
  const publicUrl = () => "http://127.0.0.1:3000";
  const email = await setUpEmail(overture, {
    dataDir: options.dataDir,
    smtpUrl: options.smtpUrl,
    baseUrl: publicUrl,
    portalUrl: () => `${publicUrl()}/portal`,
    env,
  });
  const channels = await setUpChannels(overture, { secrets, env, publicUrl, dataDir: options.dataDir, demo: false });
  return {
    async close() {
      await channels.close();
      await email.close();
    },
  };
}

/**
 * Ingests one `purchase.completed` per customer, now, for `count` distinct synthetic customers (each with its
 * profile: first name, email address, time zone…), as `POST /v1/events/batch` would store them.
 */
export async function ingestPurchases(
  overture: Overture,
  workspaceId: string,
  count: number,
  label: string,
): Promise<void> {
  const progress = new Progress(`${label} load`, "customers");
  let chunk: IncomingEvent[] = [];
  let loaded = 0;
  for (const customer of syntheticCustomerStream({ count, seed: 2026, startAt: overture.clock.now() })) {
    chunk.push({
      id: `${customer.id}:purchase`,
      name: "purchase.completed",
      customerId: customer.id,
      properties: { orderId: `order-${customer.id}`, product: "Overture Cloud" },
      attributes: { ...customer.attributes },
    });
    loaded++;
    if (chunk.length === INGEST_CHUNK || loaded === count) {
      const result = await overture.events.ingest(workspaceId, chunk);
      if (result.accepted !== chunk.length)
        throw new Error(
          `ingest accepted ${result.accepted} of ${chunk.length} purchases: ${JSON.stringify(result.errors[0])}`,
        );
      chunk = [];
      progress.update(loaded / count, loaded);
    }
  }
  progress.done(loaded);
}
