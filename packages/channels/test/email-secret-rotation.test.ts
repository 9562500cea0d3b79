import { type EmailSetup, setUpEmail, verifyToken } from "@overture/channels";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, openEmailHarness } from "./email-harness.ts";

type Harness = Awaited<ReturnType<typeof openEmailHarness>>;
let h: Harness;
const setups: EmailSetup[] = [];

beforeEach(async () => {
  h = await openEmailHarness();
});
afterEach(async () => {
  for (const setup of setups.splice(0)) await setup.close();
  await h.close();
});

const OLD = "the server secret before the rotation";
const NEW = "the server secret after the rotation";

/** Email as `serve` wires it, in a process started with `env`, sending to the harness's loopback SMTP server. */
async function start(env: Record<string, string>) {
  const setup = await setUpEmail(h.overture, { dataDir: h.dir, smtpUrl: h.smtp.url, baseUrl: BASE_URL, env });
  setups.push(setup);
  return setup;
}

const unsubscribeToken = (html: string) => {
  const m = html.match(new RegExp(`${BASE_URL}/u/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error("no unsubscribe link in the email");
  return m[1];
};

async function emailTo(customerId: string): Promise<string> {
  await h.overture.customers.upsert(h.workspaceId, {
    id: customerId,
    attributes: { email: `${customerId}@example.com`, firstName: "Ann" },
  });
  await h.overture.events.ingest(h.workspaceId, [
    { name: "purchase.completed", customerId, properties: { product: "Pro plan" } },
  ]);
  await h.settle();
  const message = h.mailbox.list().find((m) => m.to.includes(`${customerId}@example.com`));
  if (!message) throw new Error(`no email to ${customerId}`);
  return unsubscribeToken(message.html);
}

const consentOf = async (customerId: string) =>
  (await h.overture.customers.get(h.workspaceId, customerId))?.attributes.consent;

// Issue 12 follow-up: rotating OVERTURE_SECRET broke the unsubscribe, open and click links of every email already sent.
describe("links in emails sent before OVERTURE_SECRET rotated", () => {
  it("still unsubscribe with OVERTURE_SECRET_PREVIOUS set, while new links are signed with the new secret", async () => {
    await start({ OVERTURE_SECRET: OLD });
    await h.publish();
    const sentBefore = await emailTo("ann");

    const rotated = await start({ OVERTURE_SECRET: NEW, OVERTURE_SECRET_PREVIOUS: OLD });
    expect(await rotated.tracking.unsubscribeTarget(sentBefore)).toMatchObject({
      email: "ann@example.com",
      unsubscribed: false,
    });
    expect(await rotated.tracking.unsubscribe(sentBefore)).toBe(true);
    expect(await consentOf("ann")).toEqual({ email: false });

    const sentAfter = await emailTo("bob");
    expect(verifyToken(NEW, "u", sentAfter)).toMatchObject({ customerId: "bob" });
    expect(verifyToken(OLD, "u", sentAfter)).toBeNull();
    expect(await rotated.tracking.unsubscribe(sentAfter)).toBe(true);
  });

  it("are refused after the rotation without OVERTURE_SECRET_PREVIOUS", async () => {
    await start({ OVERTURE_SECRET: OLD });
    await h.publish();
    const sentBefore = await emailTo("ann");

    const rotated = await start({ OVERTURE_SECRET: NEW });
    expect(await rotated.tracking.unsubscribeTarget(sentBefore)).toBeNull();
    expect(await rotated.tracking.unsubscribe(sentBefore)).toBe(false);
    expect(await rotated.tracking.open(sentBefore)).toBe(false);
    expect(await consentOf("ann")).toBeUndefined();
  });
});
