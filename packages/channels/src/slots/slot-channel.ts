import { type ChannelHandler, type Clock, type DeliveryOutcome, PermanentError, type Store } from "@overture/runtime";
import { assignSlot } from "./slots.ts";

/**
 * The "slot" channel: a journey's personalize step assigns content to a named slot for one customer (optionally
 * until a time), or clears it. Payload `{ slot, contentId | null, until | null }`; redelivery changes nothing.
 */
export function slotChannel(store: Store, clock: Clock): ChannelHandler {
  return {
    channel: "slot",
    async deliver(delivery): Promise<DeliveryOutcome> {
      const { slot, contentId, until } = delivery.payload;
      if (typeof slot !== "string" || slot === "")
        throw new PermanentError("invalid_payload", "a slot delivery needs a slot name");
      if (contentId !== null && typeof contentId !== "string")
        throw new PermanentError("invalid_payload", "contentId must be a text or null");
      if (until !== null && until !== undefined && typeof until !== "number")
        throw new PermanentError("invalid_payload", "until must be a time or null");
      await assignSlot(store, delivery.workspaceId, delivery.customerId, {
        slot,
        contentId,
        until: until ?? null,
        key: delivery.key,
        now: clock.now(),
      });
      return { status: "sent", detail: { slot, contentId, until: until ?? null } };
    },
  };
}
