import { randomUUID } from "node:crypto";

/**
 * The event a profile change stores when segments read profiles (issue 14, docs/decisions/0038): it puts the customer
 * in the engine's queue, so the batch path decides their segments again with the new attributes.
 */
export const PROFILE_UPDATED = "$profile.updated";

/** A fresh id per change: two changes in one millisecond are two events (the second may undo the first). */
export function profileEventId(customerId: string, at: number): string {
  return `${PROFILE_UPDATED}:${customerId}:${at}:${randomUUID()}`;
}
