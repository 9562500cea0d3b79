import { JourneyDocument } from "../model/journey.ts";

/** The renewal reminder of issue 15: a filtered trigger, a wait for the renewal, a branch on the profile. */
export const RENEWAL = JourneyDocument.parse({
  schemaVersion: 1,
  name: "Renewal reminder",
  settings: {
    goal: { name: "Renewed", event: "subscription.renewed", within: "10d" },
    exitCriteria: [{ event: "account.cancelled" }],
  },
  steps: [
    {
      id: "due",
      type: "trigger",
      trigger: {
        type: "event",
        event: "subscription.renewal_due",
        where: [
          { property: "amount", op: "gt", value: 49.99 },
          { property: "plan", op: "in", value: ["pro", "team"] },
        ],
      },
      next: "wait-1d",
    },
    { id: "wait-1d", type: "wait", wait: { type: "duration", duration: "1d" }, next: "renewed" },
    {
      id: "renewed",
      type: "wait-for-event",
      name: "Renewed?",
      events: [{ event: "subscription.renewed" }],
      timeout: "3d",
      next: "done",
      timeoutNext: "vip",
    },
    {
      id: "vip",
      type: "branch",
      name: "Big account?",
      arms: [
        {
          id: "big",
          label: "Big",
          condition: { type: "attribute", attribute: "seats", op: "gte", value: 50 },
          next: "done",
        },
      ],
      else: { label: "Others", next: "done" },
    },
    { id: "done", type: "exit" },
  ],
});
