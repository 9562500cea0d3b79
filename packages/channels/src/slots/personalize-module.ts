import type { ChannelModule } from "../channel-module.ts";
import { personalizeStep } from "./personalize-step.ts";
import { slotChannel } from "./slot-channel.ts";

/** Personalized content slots: what a slot of the portal or website shows one customer. */
export const personalizeModule: ChannelModule = {
  ui: personalizeStep,
  policy: { consent: "slot", quietHours: false, cap: null },
  handler: async ({ store, clock }) => slotChannel(store, clock),
};
