import type { ChannelModule } from "../channel-module.ts";
import { contentCustomerData } from "../content/content-customer-data.ts";
import { personalizeStep } from "./personalize-step.ts";
import { slotChannel } from "./slot-channel.ts";
import { slotCustomerData } from "./slot-customer-data.ts";

/** Personalized content slots: what a slot of the portal or website shows one customer. */
export const personalizeModule: ChannelModule = {
  // The content views feed the recommendations a personalize step shows: its customer data goes with the slots'.
  customerData: [slotCustomerData, contentCustomerData],
  ui: personalizeStep,
  policy: { consent: "slot", quietHours: false, cap: null },
  handler: async ({ store, clock }) => slotChannel(store, clock),
};
