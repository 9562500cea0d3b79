import type { Store } from "@overture/runtime";
import { ensureContentSchema } from "../content/content-schema.ts";
import { ensureNotificationSchema } from "../notifications/notification-schema.ts";
import { ensureSlotSchema } from "../slots/slot-schema.ts";
import { ensurePortalIdentitySchema } from "./identity-secrets.ts";

/** Creates the tables of the content library, slots, the portal inbox and portal identity; call at start-up. */
export async function ensurePortalSchemas(store: Store): Promise<void> {
  await ensureContentSchema(store);
  await ensureSlotSchema(store);
  await ensureNotificationSchema(store);
  await ensurePortalIdentitySchema(store);
}

const ensured = new WeakMap<Store, Promise<void>>();

/**
 * {@link ensurePortalSchemas} once per store and process: the ingestion hook and the portal routes call it, so a
 * server started without the start-up call (tests, embedders) still finds its tables.
 */
export function ensurePortalSchemasOnce(store: Store): Promise<void> {
  let done = ensured.get(store);
  if (!done) {
    done = ensurePortalSchemas(store);
    ensured.set(store, done);
    done.catch(() => ensured.delete(store));
  }
  return done;
}
