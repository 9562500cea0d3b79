import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_DELIVERY_POLICY, putDeliveryPolicy } from "@overture/channels";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServe, startServe } from "../src/commands/serve.ts";

/**
 * Issue 12, finding 5: `overture serve` is production unless --demo: a fresh data folder exposes no demo route, no
 * portal, no mailbox, and hands no key to the editor; without SMTP_URL email is held, not swallowed.
 */
describe("overture serve without --demo (production)", () => {
  let dataDir: string;
  let running: RunningServe;

  beforeAll(async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.stubEnv("OVERTURE_DEMO", "");
    dataDir = await mkdtemp(join(tmpdir(), "overture-serve-prod-"));
    running = await startServe({ port: 0, host: "127.0.0.1", dataDir, demo: false });
  });
  afterAll(async () => {
    await running?.close();
    vi.unstubAllEnvs();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("exposes no demo route, portal or mailbox, and gives the editor no key, even on loopback", async () => {
    for (const path of [
      "/demo/customers",
      "/demo/library",
      "/demo/clock",
      "/portal/",
      "/mailbox",
      "/v1/mailbox/messages",
    ]) {
      const response = await fetch(`${running.url}${path}`, {
        headers: { authorization: `Bearer ${running.keys.secretKey}` },
      });
      expect(response.status, path).toBe(404);
    }
    for (const path of ["/demo/session", "/demo/clock/advance"]) {
      const response = await fetch(`${running.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"ms":1}',
      });
      expect(response.status, path).toBe(404);
    }
    for (const host of ["localhost", "127.0.0.1"]) {
      const config = await fetch(`${running.url.replace("127.0.0.1", host)}/editor-config`);
      expect(await config.json()).toEqual({ apiKey: null });
    }
    const banner = running.banner.join("\n");
    expect(banner).not.toMatch(/Portal|Mailbox|DEMO/);
  });

  it("warns that email is not configured, refuses test sends with the reason, and holds deliveries as transient failures", async () => {
    expect(running.warnings.join("\n")).toMatch(/email is not configured.*SMTP_URL/);
    expect(running.banner.join("\n")).toMatch(/Email\s+NOT CONFIGURED: set SMTP_URL/);

    const testSend = await fetch(`${running.url}/v1/email/test-send`, {
      method: "POST",
      headers: { authorization: `Bearer ${running.keys.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        subject: "Hi",
        body: "<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>",
        to: "a@b.example",
      }),
    });
    expect(testSend.status).toBe(503);
    expect(((await testSend.json()) as { error: { code: string } }).error.code).toBe("smtp_not_configured");

    // Quiet hours would hold the welcome email at night; this test is about what happens when it is sent. Production
    // loads the onboarding journey as a draft: published here, as an operator would, so a purchase sends its email.
    const { overture, keys } = running;
    const [onboarding] = await overture.journeys.list(keys.workspaceId);
    await overture.journeys.publish(keys.workspaceId, onboarding!.id);
    await putDeliveryPolicy(
      overture.store,
      keys.workspaceId,
      { ...DEFAULT_DELIVERY_POLICY, quietHours: null },
      overture.clock.now(),
    );
    const sent = await fetch(`${running.url}/v1/events`, {
      method: "POST",
      // The shop's backend, with the secret key: the write key may not set a customer's email (issue 12, finding 4).
      headers: { authorization: `Bearer ${keys.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: "p1",
        name: "purchase.completed",
        customerId: "c1",
        attributes: { firstName: "Ada", email: "ada@example.com" },
      }),
    });
    expect(sent.status).toBe(200);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const emails = (await overture.store.outboxOf(keys.workspaceId, { customerId: "c1" })).filter(
        (r) => r.channel === "email",
      );
      // Held, never dead. Between two attempts the row is pending; a read during the next attempt sees it sending.
      expect(emails.filter((r) => r.status === "dead")).toEqual([]);
      const held = emails.find((r) => r.attempts > 0 && r.status === "pending");
      if (held) {
        expect(held.lastError).toMatch(/^smtp_not_configured: SMTP_URL is not set/);
        break;
      }
      if (Date.now() > deadline) throw new Error(`no email attempted: ${JSON.stringify(emails)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
