import type { Store } from "@overture/runtime";
import { numOrNull } from "../content/rows.ts";
import { writeDecisionRow } from "./decision-notify.ts";

/** A named place in a portal or site (`dashboard.hero`) and what it shows by default. */
export type Slot = { name: string; defaultContentId: string | null; description: string; updatedAt: number };

/** Creates or replaces a slot's definition. */
export async function putSlot(
  store: Store,
  workspaceId: string,
  slot: Omit<Slot, "updatedAt">,
  now: number,
): Promise<Slot> {
  await writeDecisionRow(
    store,
    `INSERT INTO slots (workspace_id, name, default_content_id, description, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, name) DO UPDATE SET default_content_id = excluded.default_content_id, description = excluded.description, updated_at = excluded.updated_at`,
    [workspaceId, slot.name, slot.defaultContentId, slot.description, now],
    { workspaceId },
  );
  return { ...slot, updatedAt: now };
}

/** Every slot of the workspace, by name. */
export async function listSlots(store: Store, workspaceId: string): Promise<Slot[]> {
  const rows = await store.sql.all(
    "SELECT name, default_content_id, description, updated_at FROM slots WHERE workspace_id = ? ORDER BY name",
    [workspaceId],
  );
  return rows.map((r) => ({
    name: r.name as string,
    defaultContentId: (r.default_content_id as string | null) ?? null,
    description: r.description as string,
    updatedAt: numOrNull(r.updated_at) ?? 0,
  }));
}

/** One customer's assignment of a slot, as a personalize step left it. */
export type SlotAssignment = { slot: string; contentId: string | null; until: number | null };

/**
 * Applies a personalize step's assignment for one customer: content (until a time, or for good) or, with a null
 * content id, removes the customer's assignment so the slot shows its default again. Re-applying the same delivery
 * (a retry of its outbox row) changes nothing. Pass `{ sql: tx }` to assign inside a transaction.
 */
export async function assignSlot(
  store: Pick<Store, "sql">,
  workspaceId: string,
  customerId: string,
  assignment: SlotAssignment & { key: string; now: number },
): Promise<void> {
  // Only this customer's cached decisions drop, in every process (decision-notify.ts), and only when a row changed.
  const target = { workspaceId, customerId };
  if (assignment.contentId === null) {
    await writeDecisionRow(
      store,
      "DELETE FROM slot_assignments WHERE workspace_id = ? AND customer_id = ? AND slot = ?",
      [workspaceId, customerId, assignment.slot],
      target,
    );
    return;
  }
  await writeDecisionRow(
    store,
    `INSERT INTO slot_assignments (workspace_id, customer_id, slot, content_id, until, delivery_key, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, customer_id, slot) DO UPDATE SET content_id = excluded.content_id, until = excluded.until,
       delivery_key = excluded.delivery_key, assigned_at = excluded.assigned_at
     WHERE slot_assignments.delivery_key <> excluded.delivery_key`,
    [workspaceId, customerId, assignment.slot, assignment.contentId, assignment.until, assignment.key, assignment.now],
    target,
  );
}
