import type { Store } from "@overture/runtime";

/**
 * The outbox keys of `channel` deliveries sent to the customer after `since`, from the runtime's delivery facts
 * (status `sent` only: skipped, dead and retried sends do not count).
 */
export async function sentKeys(
  store: Store,
  workspaceId: string,
  customerId: string,
  channel: string,
  since: number,
): Promise<string[]> {
  return store.sentDeliveryKeys(workspaceId, { customerId, channel, since });
}

/**
 * Sends this process made whose delivery facts may not be written yet (the dispatcher records a whole batch at its
 * end), so two sends of one batch cannot both pass a cap. Entries are forgotten after `keepMs`.
 */
export class RecentSends {
  private readonly sends = new Map<string, Array<{ key: string; at: number }>>();
  constructor(private readonly keepMs = 600_000) {}

  add(subject: string, key: string, at: number): void {
    const list = (this.sends.get(subject) ?? []).filter((s) => s.at > at - this.keepMs);
    list.push({ key, at });
    this.sends.set(subject, list);
  }

  keysSince(subject: string, since: number): string[] {
    return (this.sends.get(subject) ?? []).filter((s) => s.at > since).map((s) => s.key);
  }
}
