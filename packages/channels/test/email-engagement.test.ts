import { createEmailTracking } from "@overture/channels";
import type { JourneyDocumentInput } from "@overture/core";
import { afterEach, beforeEach, expect, it } from "vitest";
import { BASE_URL, openEmailHarness, SECRET } from "./email-harness.ts";

const mjml = (inner: string) =>
  `<mjml><mj-body><mj-section><mj-column>${inner}</mj-column></mj-section></mj-body></mjml>`;

/** welcome → wait up to 2 days for a click on the welcome email → "thanks" when clicked, "nudge" otherwise. */
const ENGAGEMENT: JourneyDocumentInput = {
  schemaVersion: 1,
  name: "Engagement",
  settings: { reentry: "never" },
  steps: [
    { id: "purchase", type: "trigger", trigger: { type: "event", event: "purchase.completed" }, next: "welcome" },
    {
      id: "welcome",
      type: "email",
      subject: "Welcome",
      body: mjml('<mj-button href="https://shop.test/guide">Read the guide</mj-button>'),
      next: "wait-click",
    },
    {
      id: "wait-click",
      type: "wait-for-event",
      events: [{ event: "email.clicked", where: [{ property: "stepId", op: "eq", value: "welcome" }] }],
      timeout: "2d",
      next: "thanks",
      timeoutNext: "nudge",
    },
    {
      id: "thanks",
      type: "email",
      subject: "Glad you liked the guide",
      body: mjml("<mj-text>Thanks</mj-text>"),
      next: "done",
    },
    {
      id: "nudge",
      type: "email",
      subject: "Did you see the guide?",
      body: mjml("<mj-text>Nudge</mj-text>"),
      next: "done",
    },
    { id: "done", type: "exit" },
  ],
};

type Harness = Awaited<ReturnType<typeof openEmailHarness>>;
let h: Harness;
beforeEach(async () => {
  h = await openEmailHarness();
});
afterEach(() => h.close());

async function start(customerId: string) {
  await h.overture.customers.upsert(h.workspaceId, {
    id: customerId,
    attributes: { email: `${customerId}@example.com` },
  });
  await h.overture.events.ingest(h.workspaceId, [{ name: "purchase.completed", customerId }]);
  await h.settle();
}

it("a journey waits on email.clicked and branches on it", async () => {
  await h.publish(ENGAGEMENT);
  await start("clicker");
  await start("ignorer");
  const welcome = h.mailbox.list().find((m) => m.to[0] === "clicker@example.com");
  const link = welcome?.html.match(new RegExp(`${BASE_URL}/c/([^?"]+)\\?u=([^"]+)`));
  expect(link).toBeTruthy();
  const url = await createEmailTracking(SECRET, h.overture).click(link?.[1] ?? "", decodeURIComponent(link?.[2] ?? ""));
  expect(url).toBe("https://shop.test/guide");
  await h.settle();
  h.clock.advance(2 * 24 * 3_600_000 + 1);
  await h.settle();
  const subjects = (to: string) =>
    h.mailbox
      .list()
      .filter((m) => m.to[0] === to)
      .map((m) => m.subject)
      .reverse();
  expect(subjects("clicker@example.com")).toEqual(["Welcome", "Glad you liked the guide"]);
  expect(subjects("ignorer@example.com")).toEqual(["Welcome", "Did you see the guide?"]);
});
