// The demo portal's service worker (served at /portal/sw.js, scope /portal/): it shows what a journey's web push
// step sends, and opens its url when the notification is clicked. The payload is the push channel's JSON:
// { title, body, url?, icon? } (packages/channels/src/push/push-send.ts).

self.addEventListener("push", (event) => {
  let message = { title: "Northwind", body: "" };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A payload that is not JSON is shown as the body.
    message.body = event.data ? event.data.text() : "";
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: message.icon,
      data: { url: message.url || "/portal/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = event.notification.data?.url || "/portal/";
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      // An open portal tab goes to the url; otherwise a new window opens it.
      const open = windows.find((w) => w.url.startsWith(self.registration.scope));
      if (open && new URL(url, self.location.href).origin === self.location.origin) {
        return open.navigate(url).then((w) => w?.focus());
      }
      return self.clients.openWindow(url);
    }),
  );
});
