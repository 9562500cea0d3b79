import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildPortal, type PortalFiles } from "@overture/demo-portal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webPush from "web-push";
import { type DevPushService, startDevPushService } from "../packages/channels/src/push/dev-push-service.ts";
import { sendPushMessage } from "../packages/channels/src/push/push-send.ts";
import { parseAllowList } from "../packages/channels/src/webhook/address-policy.ts";
import { browserUnavailable, openBrowser, withScreenshotOnFailure } from "./browser.ts";

const skip = browserUnavailable();

/** A blank page of the portal's origin: the test registers the worker from it, as the portal's button does. */
const BLANK = "<!doctype html><title>push test</title>";

/**
 * The demo portal's service worker in Chromium (issue 17). Chromium's push service is Google's and cannot be reached
 * offline, so the message takes this road: the push channel's sender encrypts it for a dev push service
 * subscription, the dev push service decrypts it, and the DevTools protocol hands the decrypted message to the worker
 * (`ServiceWorker.deliverPushMessage`, what Chromium does with what its push service delivers).
 */
describe.skipIf(skip)("web push: the portal's service worker shows what the push channel sent", () => {
  let portal: PortalFiles;
  let site: Server;
  let origin: string;
  let service: DevPushService;
  beforeAll(async () => {
    portal = await buildPortal();
    site = createServer((req, res) => {
      const name = (req.url ?? "").replace(/^\/portal\//, "");
      const file = name === "blank.html" ? { body: BLANK, contentType: "text/html" } : portal[name];
      res.writeHead(file ? 200 : 404, { "content-type": file?.contentType ?? "text/plain" });
      res.end(file?.body ?? "not found");
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    service = await startDevPushService();
  });
  afterAll(async () => {
    await service?.close();
    await new Promise<void>((resolve) => site?.close(() => resolve()));
  });

  it("a push event becomes a notification with the title, body and url", async () => {
    const message = { title: "Hi Ada", body: "Your pro plan is ready", url: `${origin}/portal/#/inbox` };
    const subscription = service.createSubscription();
    await sendPushMessage(subscription, message, {
      keys: webPush.generateVAPIDKeys(),
      subject: "mailto:ops@example.com",
      allow: parseAllowList("127.0.0.1"),
      now: Date.now(),
    });
    const received = service.messages(subscription.id)[0]!;
    expect(received.raw).toBe(JSON.stringify(message));

    const { context, page, close } = await openBrowser();
    try {
      await withScreenshotOnFailure(page, "push-worker", async () => {
        await context.grantPermissions(["notifications"], { origin });
        await page.goto(`${origin}/portal/blank.html`);
        const cdp = await context.newCDPSession(page);
        const registered = new Promise<string>((resolve) => {
          cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
            const found = event.registrations.find((r) => r.scopeURL === `${origin}/portal/` && !r.isDeleted);
            if (found) resolve(found.registrationId);
          });
        });
        await cdp.send("ServiceWorker.enable");
        await page.evaluate(async () => {
          await navigator.serviceWorker.register("/portal/sw.js", { scope: "/portal/" });
          await navigator.serviceWorker.ready;
        });
        const registrationId = await registered;
        await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: received.raw });
        const shown = await page.waitForFunction(async () => {
          const registration = await navigator.serviceWorker.getRegistration("/portal/");
          const [n] = (await registration?.getNotifications()) ?? [];
          return n ? { title: n.title, body: n.body, url: (n.data as { url?: string }).url } : null;
        });
        expect(await shown.jsonValue()).toEqual(message);
      });
    } finally {
      await close();
    }
  });
});
