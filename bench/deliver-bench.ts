import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addTracking, renderEmail, unsubscribeUrl } from "@overture/channels";
import type { StepOf } from "@overture/core";
import { type Overture, openOverture, syntheticCustomer } from "@overture/runtime";
import { ONBOARDING_JOURNEY, ONBOARDING_STEPS } from "@overture/testkit";
import { childMain } from "./child.ts";
import { type DeliverChannel, deliverJourney, ingestPurchases, wireForDelivery } from "./deliver-workload.ts";
import { profiled } from "./profile.ts";
import { note, Progress, round } from "./progress.ts";
import { type RawMessage, sendRaw } from "./raw-smtp.ts";
import { type SinkProcess, startSinkProcess } from "./sink-process.ts";
import { type StoreTarget, storeOptions } from "./stores.ts";

/** What run.ts asks of this process. */
export type DeliverBenchInput = {
  target: StoreTarget;
  channel: DeliverChannel;
  messages: number;
  cpuProfDir: string | null;
};

/** The `{"bench":"deliver",…}` line; the raw reference is email's only (null for notifications). */
export type DeliverResult = {
  bench: "deliver";
  store: StoreTarget["store"];
  channel: DeliverChannel;
  messages: number;
  /** Messages that reached the sink (or the portal inbox); fewer than `messages` when some failed (see stderr). */
  delivered: number;
  seconds: number;
  messages_per_s: number;
  raw_messages_per_s: number | null;
  ratio: number | null;
};

/** The product's SMTP pool size (packages/channels/src/email/smtp-sender.ts): the raw reference uses as many. */
const SMTP_MAX_CONNECTIONS = 5;
/** Sends the raw reference keeps in flight: the dispatcher's batch (200 rows, all handed to the sender at once). */
const RAW_IN_FLIGHT = 200;
const SECRET = "deliver benchmark secret";
const BASE_URL = "http://127.0.0.1:3000";

/**
 * N messages of one onboarding step delivered by the product's path: a runtime on the store, the channels wired as
 * `serve` wires them (email to an SMTP sink in its own process), the step's journey published, one purchase each for
 * N distinct customers ingested and run through the engine (not timed); then the dispatcher is timed until every
 * message is out: at the sink for email, in the portal inbox table for notifications. Email then sends the same
 * number of one pre-rendered message through a bare pooled nodemailer to the same sink: the physical reference.
 */
async function deliverBench({ target, channel, messages, cpuProfDir }: DeliverBenchInput): Promise<DeliverResult> {
  const label = `${target.store} ${channel}`;
  const sink = await startSinkProcess();
  const dataDir = target.store === "sqlite" ? target.dataDir : mkdtempSync(join(tmpdir(), "overture-deliver-"));
  const overture = await openOverture(storeOptions(target));
  const wired = await wireForDelivery(overture, { dataDir, smtpUrl: sink.url, secret: SECRET });
  try {
    const { workspaceId } = await overture.workspaces.create("Deliver benchmark");
    const journey = deliverJourney(channel);
    await overture.journeys.create(workspaceId, {
      name: journey.document.name,
      document: { ...journey.document, id: journey.id },
    });
    await overture.journeys.publish(workspaceId, journey.id);
    await ingestPurchases(overture, workspaceId, messages, label);
    const ran = await overture.engine.runUntilIdle();
    const queued = await outboxCounts(overture, channel);
    note(`${label}: the engine ran ${ran.steps.toLocaleString("en-US")} steps; outbox ${JSON.stringify(queued)}`);
    if (queued.pending !== messages)
      throw new Error(`expected ${messages} pending ${channel} rows, found ${JSON.stringify(queued)}`);

    const progress = new Progress(`${label}`, "messages");
    sink.reset();
    const began = performance.now();
    await profiled(cpuProfDir, `deliver-${channel}-${target.store}`, async () => {
      let handled = 0;
      for (let n = await overture.dispatcher.runOnce(); n > 0; n = await overture.dispatcher.runOnce()) {
        handled += n;
        progress.update(handled / messages, handled);
      }
      // The dispatcher's last answers come back after the sink counted; waiting for it costs an IPC round trip.
      if (channel === "email") await sink.reached((await outboxCounts(overture, channel)).sent ?? 0);
    });
    const seconds = (performance.now() - began) / 1000;
    progress.done(messages);
    const delivered = await checkDelivered(overture, channel, messages, sink, workspaceId, label);

    let raw: number | null = null;
    if (channel === "email") raw = await rawReference(workspaceId, sink, messages, label);
    const perS = delivered / seconds;
    return {
      bench: "deliver",
      store: target.store,
      channel,
      messages,
      delivered,
      seconds: round(seconds, 2),
      messages_per_s: Math.round(perS),
      raw_messages_per_s: raw === null ? null : Math.round(raw),
      ratio: raw === null ? null : round(perS / raw, 3),
    };
  } finally {
    await wired.close();
    await overture.close();
    sink.close();
    if (target.store !== "sqlite") rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The channel's outbox rows by status. */
async function outboxCounts(overture: Overture, channel: string): Promise<Record<string, number>> {
  const rows = await overture.store.sql.all<{ status: string; n: number | string }>(
    "SELECT status, COUNT(*) AS n FROM outbox WHERE channel = ? GROUP BY status",
    [channel],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The error of one failed row of the channel, to say why. */
async function firstError(overture: Overture, channel: string): Promise<string> {
  const [row] = await overture.store.sql.all<{ last_error: string | null }>(
    "SELECT last_error FROM outbox WHERE channel = ? AND last_error IS NOT NULL LIMIT 1",
    [channel],
  );
  return row?.last_error ?? "no error recorded";
}

/**
 * How many messages arrived where they belong: as many as the outbox says were sent, each customer's once (distinct
 * recipients at the sink, rows in the portal inbox). Failed rows are reported on stderr with the first error: they
 * are the product's to fix, and the figure counts only what arrived.
 */
async function checkDelivered(
  overture: Overture,
  channel: DeliverChannel,
  messages: number,
  sink: SinkProcess,
  workspaceId: string,
  label: string,
): Promise<number> {
  const counts = await outboxCounts(overture, channel);
  const sent = counts.sent ?? 0;
  if (sent !== messages)
    note(
      `warning: ${label}: ${messages - sent} of ${messages} messages were not sent (outbox ${JSON.stringify(counts)}); first error: ${await firstError(overture, channel)}`,
    );
  if (channel === "email") {
    const atSink = await sink.reached(sent);
    note(
      `${label}: the sink received ${atSink.received} messages for ${atSink.recipients} customers over ${atSink.connections} connections`,
    );
    if (atSink.received !== sent || atSink.recipients !== sent)
      throw new Error(
        `the outbox says ${sent} sent but the sink received ${atSink.received} for ${atSink.recipients} customers`,
      );
    return sent;
  }
  const [row] = await overture.store.sql.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM portal_notifications WHERE workspace_id = ?",
    [workspaceId],
  );
  if (Number(row?.n) !== sent) throw new Error(`the outbox says ${sent} sent but the portal inbox holds ${row?.n}`);
  return sent;
}

/**
 * The raw reference: the welcome email rendered once for the first customer (tracking and unsubscribe link as the
 * product adds them), sent `messages` times by a bare pooled transport; the sink must count them all.
 */
async function rawReference(workspaceId: string, sink: SinkProcess, messages: number, label: string): Promise<number> {
  const step = ONBOARDING_JOURNEY.steps.find((s) => s.id === ONBOARDING_STEPS.welcomeEmail) as StepOf<"email">;
  const customer = syntheticCustomer({ seed: 2026, startAt: 0 }, 0);
  const key = `raw:${customer.id}`;
  const tracked = { workspaceId, customerId: customer.id, journeyId: "deliver-email", stepId: step.id, key };
  const unsubscribe = unsubscribeUrl(BASE_URL, SECRET, tracked);
  const properties = { orderId: `order-${customer.id}`, product: "Overture Cloud" };
  const rendered = await renderEmail(
    { subject: step.subject ?? "", preheader: step.preheader, body: step.body ?? "" },
    {
      customer: { ...customer.attributes, id: customer.id },
      event: properties,
      trigger: { name: "purchase.completed", properties },
      links: { unsubscribe },
      portalUrl: `${BASE_URL}/portal`,
    },
  );
  if (rendered.problems.length > 0)
    throw new Error(`the welcome email does not render: ${JSON.stringify(rendered.problems[0])}`);
  const message: RawMessage = {
    from: '"Overture" <hello@overture.localhost>',
    to: String(customer.attributes.email),
    subject: rendered.subject,
    html: addTracking(rendered.html, { baseUrl: BASE_URL, secret: SECRET, message: tracked }),
    text: rendered.text,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "X-Overture-Key": key,
      "X-Overture-Workspace": workspaceId,
    },
  };
  sink.reset();
  const sendSeconds = await sendRaw(sink.url, message, messages, SMTP_MAX_CONNECTIONS, label, RAW_IN_FLIGHT);
  const { received, connections } = await sink.reached(messages);
  if (received !== messages) throw new Error(`the sink counted ${received} raw messages, expected ${messages}`);
  note(
    `${label}: raw reference ${messages.toLocaleString("en-US")} messages in ${sendSeconds.toFixed(2)} s over ${connections} connections, ${RAW_IN_FLIGHT} sends in flight`,
  );
  return messages / sendSeconds;
}

childMain(deliverBench);
