import type { ChannelModule } from "../channel-module.ts";
import { notificationChannel as createNotificationHandler } from "./notification-channel.ts";
import { notificationCustomerData } from "./notification-customer-data.ts";
import { notificationProblems } from "./notification-problems.ts";
import { notificationStep } from "./notification-step.ts";

/** Portal notifications: stored in the customer's inbox and pushed live to an open portal. */
export const notificationModule: ChannelModule = {
  ui: notificationStep,
  policy: { consent: "notification", quietHours: false, cap: null },
  problems: notificationProblems,
  customerData: [notificationCustomerData],
  handler: async ({ store, clock }) => createNotificationHandler(store, clock),
};
