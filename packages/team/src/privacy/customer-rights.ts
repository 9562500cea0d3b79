import type { CustomerErasure, CustomerExport } from "@overture/api-contract";
import { type CustomerDataPart, channelModules, type Mailbox, type MailboxMessage } from "@overture/channels";
import { partitionOf, type Store } from "@overture/runtime";

/** What erasure and export reach besides the store: the development mailbox, when this process keeps one. */
export type CustomerRightsDeps = { store: Store; mailbox?: Mailbox | null };

/** Every registered channel's share of a customer's data (a new channel declares its own on its module). */
function parts(): CustomerDataPart[] {
  return channelModules().flatMap((m) => m.customerData ?? []);
}

async function ensureTables(store: Store, list: CustomerDataPart[]): Promise<void> {
  for (const part of list) await store.sql.migrate(part.tables);
}

/** The profile's email, which the development mailbox's copies are addressed to (lower case), if any. */
async function emailOf(store: Store, workspaceId: string, customerId: string): Promise<string | null> {
  const email = (await store.getCustomer(workspaceId, customerId))?.attributes.email;
  return typeof email === "string" && email.includes("@") ? email.trim().toLowerCase() : null;
}

function addressedTo(workspaceId: string, email: string | null): (m: MailboxMessage) => boolean {
  return (m) =>
    email !== null &&
    (m.workspaceId === null || m.workspaceId === workspaceId) &&
    m.to.some((to) => to.trim().toLowerCase() === email);
}

/**
 * Erases the customer everywhere (docs/decisions/0036): the engine's rows with a tombstone in one transaction that
 * holds the customer's partition, then every channel's rows in one more, then the mailbox's copies. Runtime first:
 * once its transaction commits no event of the customer is taken and no delivery of theirs is left to send, so the
 * channels' tables get nothing new. Idempotent; the answer holds the id and counts only.
 */
export async function eraseCustomer(
  deps: CustomerRightsDeps,
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<CustomerErasure> {
  const { store } = deps;
  const email = await emailOf(store, workspaceId, customerId);
  const runtime = await store.customerData.erase(
    workspaceId,
    customerId,
    partitionOf(workspaceId, customerId, store.partitions),
    now,
  );
  const list = parts();
  await ensureTables(store, list);
  const erased: Record<string, number> = { ...runtime };
  for (const part of list) erased[part.kind] = 0;
  await store.sql.transaction(async (tx) => {
    for (const part of list)
      erased[part.kind] = (erased[part.kind] ?? 0) + (await part.erase(tx, workspaceId, customerId));
  });
  for (const part of list) part.erased?.(store, workspaceId, customerId);
  erased.mailbox = deps.mailbox ? deps.mailbox.remove(addressedTo(workspaceId, email)) : 0;
  return { customerId, erasedAt: now, erased, tombstone: true };
}

/** Everything held about the customer as one document; empty lists and a null profile after an erasure. */
export async function exportCustomer(
  deps: CustomerRightsDeps,
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<CustomerExport> {
  const { store } = deps;
  const profile = await store.getCustomer(workspaceId, customerId);
  const rows = await store.customerData.rows(workspaceId, customerId);
  const instances = await store.instancesOfCustomer(workspaceId, customerId);
  const transitions = await store.transitionsOfInstances(
    workspaceId,
    instances.map((i) => i.id),
  );
  const outbox = await store.outboxOf(workspaceId, { customerId, limit: 100_000 });
  const list = parts();
  await ensureTables(store, list);
  const channels: Record<string, Array<Record<string, unknown>>> = {};
  for (const part of list) channels[part.kind] = await part.export(store.sql, workspaceId, customerId);
  const email = await emailOf(store, workspaceId, customerId);
  const mail = deps.mailbox ? deps.mailbox.find(addressedTo(workspaceId, email)) : [];
  return {
    customerId,
    exportedAt: now,
    profile,
    events: rows.events,
    journeys: instances.map((i) => ({
      ...i,
      transitions: transitions
        .filter((t) => t.instanceId === i.id)
        .map(({ stepId, kind, outcome, reason, at }) => ({ stepId, kind, outcome, reason, at })),
    })),
    deliveries: {
      outbox: outbox.map((o) => ({
        seq: o.seq,
        key: o.key,
        channel: o.channel,
        customerId: o.customerId,
        journeyId: o.journeyId,
        version: o.version,
        stepId: o.stepId,
        status: o.status,
        attempts: o.attempts,
        nextAttemptAt: o.nextAttemptAt,
        lastError: o.lastError,
        createdAt: o.createdAt,
        payload: o.payload,
      })),
      facts: rows.deliveries,
    },
    channels,
    mailbox: mail.map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt,
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
    })),
  };
}
