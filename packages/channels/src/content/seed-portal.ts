import type { Overture, Store } from "@overture/runtime";
import { notificationChannel } from "../notifications/notification-channel.ts";
import { ensurePortalSchemas } from "../portal-identity/portal-schemas.ts";
import { slotChannel } from "../slots/slot-channel.ts";
import { putSlot } from "../slots/slots.ts";
import { parseContentFeed } from "./content-input.ts";
import { countContent, upsertContent } from "./content-library.ts";

/**
 * Loads a demo feed (`examples/onboarding/content.json`: `{ items, slots }`) into a workspace whose library is empty:
 * the items, then the slots with their default content. Returns how many items it loaded (0 when the library had some).
 */
export async function seedPortalContent(
  store: Store,
  workspaceId: string,
  feed: unknown,
  now: number,
): Promise<number> {
  if ((await countContent(store, workspaceId)) > 0) return 0;
  const parsed = parseContentFeed(feed);
  if (!parsed || parsed.errors.length > 0)
    throw new Error(`the content feed is not valid: ${JSON.stringify(parsed?.errors ?? "not a feed")}`);
  await upsertContent(store, workspaceId, parsed.items, now);
  const slots =
    (feed as { slots?: Array<{ name: string; defaultContentId?: string | null; description?: string }> }).slots ?? [];
  for (const slot of slots) {
    await putSlot(
      store,
      workspaceId,
      { name: slot.name, defaultContentId: slot.defaultContentId ?? null, description: slot.description ?? "" },
      now,
    );
  }
  return parsed.items.length;
}

/**
 * What `serve` does for the portal: creates its tables, plugs the notification and slot channels into the
 * dispatcher, and loads the demo feed into an empty library. Returns how many items it loaded.
 */
export async function setUpPortal(
  overture: Pick<Overture, "store" | "clock" | "dispatcher">,
  workspaceId: string,
  feed: unknown,
): Promise<number> {
  await ensurePortalSchemas(overture.store);
  overture.dispatcher.register(notificationChannel(overture.store, overture.clock));
  overture.dispatcher.register(slotChannel(overture.store, overture.clock));
  return seedPortalContent(overture.store, workspaceId, feed, overture.clock.now());
}
