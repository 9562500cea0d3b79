import type { Portal } from "../app-state.ts";
import { h, toast } from "../dom.ts";

/** Where the portal's service worker is served, and the part of the site it controls. */
const WORKER = "/portal/sw.js";
const SCOPE = "/portal/";

/**
 * "Enable browser notifications": asks the browser's permission, registers the service worker, subscribes with the
 * workspace's VAPID public key and gives the subscription to Overture through the SDK, so journeys' web push steps
 * reach this browser. Once enabled, the button turns them off again (unsubscribes here and on the server).
 */
export function pushButton(portal: Portal): HTMLElement {
  const button = h("button", { class: "ghost small", "data-testid": "push-toggle" }, "Enable browser notifications");
  const status = h("small", { class: "muted", "data-testid": "push-status" });
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const show = (subscribed: boolean, note = "") => {
    button.textContent = subscribed ? "Turn off browser notifications" : "Enable browser notifications";
    button.dataset.subscribed = String(subscribed);
    status.textContent = note;
  };
  if (!supported) {
    button.disabled = true;
    show(false, "This browser does not support web push.");
  } else {
    void currentSubscription().then((s) => show(s !== null));
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const existing = await currentSubscription();
      if (existing) {
        await portal.sdk.unsubscribePush(existing);
        await existing.unsubscribe();
        show(false, "Browser notifications are off.");
        return;
      }
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        show(false, "Notifications are blocked: allow them in the browser's site settings.");
        return;
      }
      const registration = await navigator.serviceWorker.register(WORKER, { scope: SCOPE });
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: base64UrlBytes(await portal.sdk.push.publicKey()),
      });
      await portal.sdk.subscribePush(subscription);
      show(true, "Browser notifications are on.");
      toast(
        "Browser notifications are on",
        "Northwind's messages now reach this browser, even when the portal is closed.",
        "success",
      );
    } catch (error) {
      show(false, "Could not turn on notifications.");
      toast("Could not enable notifications", String(error), "error");
    } finally {
      button.disabled = !supported;
    }
  });
  return h("div", { class: "push-toggle" }, button, status);
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(SCOPE);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** The VAPID key as the bytes PushManager.subscribe takes. */
function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
