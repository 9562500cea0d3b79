import { createEmailTracking, createMailbox, messageIdFor, putSenderIdentity, verifyToken } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, openEmailHarness, SECRET } from "./email-harness.ts";

type Harness = Awaited<ReturnType<typeof openEmailHarness>>;
let h: Harness;

beforeEach(async () => {
  h = await openEmailHarness({
    resolveRecommendations: async (_ws, _customer, { topics, count }) =>
      Array.from({ length: count }, (_, i) => ({
        id: `a${i}`,
        title: `About ${topics[0]} ${i + 1}`,
        summary: "s",
        url: `https://docs.test/${topics[0]}/${i + 1}`,
        topics,
      })),
  });
});
afterEach(() => h.close());

async function purchase(customerId: string, attributes: Record<string, unknown>) {
  await h.overture.customers.upsert(h.workspaceId, { id: customerId, attributes });
  await h.overture.events.ingest(h.workspaceId, [
    { name: "purchase.completed", customerId, properties: { product: "Pro plan" } },
  ]);
  await h.settle();
}

const tokenIn = (html: string, kind: "u" | "o" | "c") => {
  const m = html.match(new RegExp(`${BASE_URL}/${kind}/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error(`no /${kind}/ link in the email`);
  return m[1];
};

describe("email channel over real SMTP", () => {
  it("sends the published step rendered for the customer, with unsubscribe header, tracking pixel and tracked links", async () => {
    const journeyId = await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann" });
    const messages = h.mailbox.list();
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expect(message.to).toEqual(["ann@example.com"]);
    expect(message.subject).toBe("Welcome, Ann!");
    expect(message.html).toContain("Hi Ann, enjoy Pro plan.");
    expect(message.html).toContain("Thanks for buying Pro plan"); // preheader
    expect(message.text).toContain("Hi Ann, enjoy Pro plan.");
    const header = (name: string) => message.headers.find(([k]) => k.toLowerCase() === name)?.[1];
    expect(header("list-unsubscribe")).toMatch(new RegExp(`^<${BASE_URL}/u/[^>]+>$`));
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const [row] = await h.overture.store.outboxOf(h.workspaceId, { customerId: "c1" });
    expect(row?.status).toBe("sent");
    expect(message.overtureKey).toBe(row?.key);
    expect(message.messageId).toBe(messageIdFor(row?.key ?? ""));
    // The pixel and every link carry signed references to this message.
    const open = verifyToken(SECRET, "o", tokenIn(message.html, "o"));
    expect(open).toEqual({ workspaceId: h.workspaceId, customerId: "c1", journeyId, stepId: "welcome", key: row?.key });
    expect(message.html).toContain(`${BASE_URL}/c/`);
    expect(message.html).not.toContain('href="https://portal.test/start"');
    expect(message.html).toContain(encodeURIComponent("https://portal.test/start"));
  });

  it("sends as the workspace's default sender identity, replies to its reply-to (issue 15, settings screen)", async () => {
    await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann" });
    await putSenderIdentity(
      h.overture.store,
      h.workspaceId,
      "acme",
      { fromName: "Acme Team", fromAddress: "hello@acme.com", replyTo: "support@acme.com" },
      0,
    );
    await purchase("c2", { email: "bo@example.com", firstName: "Bo" });
    const to = (address: string) => h.mailbox.list().find((m) => m.to.includes(address));
    const [before, after] = [to("ann@example.com"), to("bo@example.com")];
    const header = (message: typeof before, name: string) =>
      message?.headers.find(([k]) => k.toLowerCase() === name)?.[1];
    expect(header(before, "from")).not.toContain("acme.com");
    expect(header(after, "from")).toBe("Acme Team <hello@acme.com>");
    expect(header(after, "reply-to")).toBe("support@acme.com");
  });

  it("resolves recommendation items at send time for the second email", async () => {
    await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann" });
    h.clock.advance(24 * 3_600_000);
    await h.settle();
    const tips = h.mailbox.list().find((m) => m.subject === "Picked for you");
    expect(tips?.text).toContain("About billing 1");
    expect(tips?.text).toContain("About billing 2");
  });

  it("unsubscribing records consent and an event, and stops the next email at once", async () => {
    const journeyId = await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann", consent: { sms: true } });
    const [welcome] = h.mailbox.list();
    const tracking = createEmailTracking(SECRET, h.overture);
    const token = tokenIn(welcome?.html ?? "", "u");
    expect(await tracking.unsubscribeTarget(token)).toMatchObject({ email: "ann@example.com", unsubscribed: false });
    expect(await tracking.unsubscribe(`${token}x`)).toBe(false);
    expect(await tracking.unsubscribe(token)).toBe(true);
    const customer = await h.overture.customers.get(h.workspaceId, "c1");
    expect(customer?.attributes.consent).toEqual({ sms: true, email: false });
    const events = await h.overture.store.recentEvents(h.workspaceId, "c1", 10);
    expect(events.find((e) => e.name === "email.unsubscribed")?.properties).toMatchObject({
      journeyId,
      stepId: "welcome",
      channel: "email",
    });

    h.clock.advance(24 * 3_600_000);
    await h.settle();
    expect(h.mailbox.list()).toHaveLength(1);
    const tips = (await h.overture.store.outboxOf(h.workspaceId, { customerId: "c1" })).find(
      (r) => r.stepId === "tips",
    );
    expect(tips?.status).toBe("dead");
    expect(tips?.lastError).toContain("unsubscribed");
  });

  it("records opens once per message and clicks on signed links only", async () => {
    const journeyId = await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann" });
    const html = h.mailbox.list()[0]?.html ?? "";
    const tracking = createEmailTracking(SECRET, h.overture);
    expect(await tracking.open(tokenIn(html, "o"))).toBe(true);
    expect(await tracking.open(tokenIn(html, "o"))).toBe(true);
    const click = tokenIn(html, "c");
    expect(await tracking.click(click, "https://evil.test/")).toBeNull();
    expect(await tracking.click(click, "https://portal.test/start")).toBe("https://portal.test/start");
    const events = await h.overture.store.recentEvents(h.workspaceId, "c1", 20);
    expect(events.filter((e) => e.name === "email.opened")).toHaveLength(1);
    expect(events.filter((e) => e.name === "email.clicked").map((e) => e.properties)).toEqual([
      expect.objectContaining({ url: "https://portal.test/start", stepId: "welcome", journeyId }),
    ]);
  });

  it("dead-letters a customer without an email address and a template the customer cannot fill", async () => {
    await h.publish();
    await purchase("no-address", { firstName: "Bo" });
    await purchase("no-name", { email: "x@example.com" });
    const rows = await h.overture.store.outboxOf(h.workspaceId, {});
    expect(rows.find((r) => r.customerId === "no-address")?.lastError).toContain("no_email_address");
    const noName = rows.find((r) => r.customerId === "no-name");
    expect(noName?.status).toBe("dead");
    expect(noName?.lastError).toMatch(/email_render_failed: subject line 1, column \d+: customer.firstName/);
    expect(h.mailbox.list()).toHaveLength(0);
  });

  it("keeps the mailbox across restarts (JSONL in the data folder)", async () => {
    await h.publish();
    await purchase("c1", { email: "ann@example.com", firstName: "Ann" });
    const reopened = createMailbox({ file: `${h.dir}/mailbox.jsonl` });
    expect(reopened.list().map((m) => m.subject)).toEqual(["Welcome, Ann!"]);
  });
});
