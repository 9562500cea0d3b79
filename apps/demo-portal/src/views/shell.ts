import { demoNow, notifyChanged, type Portal } from "../app-state.ts";
import { demoApi } from "../demo-api.ts";
import { h, initials, mount, toast } from "../dom.ts";
import { articleView } from "./article.ts";
import { dashboardView } from "./dashboard.ts";
import { inboxView } from "./inbox.ts";
import { libraryView } from "./library.ts";

/** What a view gives back: its element, and what to do when the page leaves it. */
export type View = { element: HTMLElement; leave?: () => void };

const DAY = 86_400_000;
const NAV = [
  { route: "dashboard", label: "Dashboard", icon: "◧" },
  { route: "inbox", label: "Inbox", icon: "✉" },
  { route: "library", label: "Library", icon: "☰" },
] as const;

/** The signed-in layout: navigation, the demo clock, the inbox badge, and the current view. */
export function renderShell(root: HTMLElement, portal: Portal, signOut: () => void): void {
  const main = h("main", { class: "content" });
  const badge = h("span", { class: "badge", "data-testid": "unread-badge", hidden: true });
  const clockText = h("span", { class: "clock-time", "data-testid": "demo-clock" });
  const clockOffset = h("span", { class: "clock-offset" });
  const live = h("span", { class: "live", "data-testid": "live" }, "Live");
  let current: View | null = null;

  const links = NAV.map((item) =>
    h(
      "a",
      { href: `#/${item.route}`, class: "nav-link", "data-route": item.route },
      h("span", { class: "nav-icon", "aria-hidden": "true" }, item.icon),
      item.label,
      item.route === "inbox" ? badge : null,
    ),
  );
  const customer = portal.session.customer;
  const sidebar = h(
    "aside",
    { class: "sidebar" },
    h(
      "div",
      { class: "brand" },
      h("span", { class: "logo" }, "N"),
      h("div", {}, h("strong", {}, "Northwind"), h("small", {}, "Customer portal")),
    ),
    h("nav", {}, ...links),
    h(
      "div",
      { class: "who" },
      h("span", { class: "avatar" }, initials(`${customer.firstName} ${customer.lastName}`)),
      h(
        "div",
        {},
        h("strong", { "data-testid": "signed-in-as" }, `${customer.firstName} ${customer.lastName}`),
        h("small", {}, customer.company),
      ),
      h("button", { class: "link", onclick: signOut, title: "Sign out" }, "Sign out"),
    ),
  );

  const advance = async (ms: number, label: string) => {
    try {
      portal.clock = await demoApi.advance(ms);
      portal.clockReadAt = Date.now();
      notifyChanged(portal);
      toast(`Demo clock advanced ${label}`, "Due journey steps run within a few seconds.");
    } catch (error) {
      toast("Could not advance the clock", String(error), "error");
    }
  };
  const topbar = h(
    "header",
    { class: "topbar" },
    h("div", { class: "title-row" }, h("div", { class: "page-title", id: "page-title" }), live),
    h(
      "div",
      { class: "demo-clock", title: "Demo control: moves the server's clock forward so waits in the journey fall due" },
      h("span", { class: "demo-tag" }, "Demo clock"),
      h("div", { class: "clock-read" }, clockText, clockOffset),
      h(
        "button",
        { class: "ghost small", "data-testid": "advance-day", onclick: () => advance(DAY, "1 day") },
        "+1 day",
      ),
      h(
        "button",
        { class: "ghost small", "data-testid": "advance-week", onclick: () => advance(7 * DAY, "1 week") },
        "+1 week",
      ),
    ),
  );
  mount(root, h("div", { class: "layout" }, sidebar, h("div", { class: "main" }, topbar, main)));

  const drawChrome = () => {
    badge.textContent = String(portal.unread);
    badge.hidden = portal.unread === 0;
    const now = new Date(demoNow(portal));
    clockText.textContent = now.toLocaleString("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
    const days = Math.round(portal.clock.offsetMs / DAY);
    clockOffset.textContent = portal.clock.offsetMs > 0 ? `+${days} day${days === 1 ? "" : "s"}` : "real time";
  };
  portal.changed.add(drawChrome);
  const ticker = setInterval(drawChrome, 15_000);

  const show = () => {
    current?.leave?.();
    const [route = "dashboard", id] = location.hash.replace(/^#\/?/, "").split("/");
    for (const link of links) link.classList.toggle("active", link.dataset.route === route);
    const title = document.getElementById("page-title");
    if (route === "inbox") current = inboxView(portal);
    else if (route === "library" && id) current = articleView(portal, decodeURIComponent(id));
    else if (route === "library") current = libraryView(portal);
    else current = dashboardView(portal);
    if (title)
      title.textContent =
        route === "inbox" ? "Inbox" : route === "library" ? "Library" : `Welcome back, ${customer.firstName}`;
    mount(main, current.element);
    void portal.sdk.page(route, { path: location.hash || "#/dashboard" }).catch(() => {});
  };
  window.addEventListener("hashchange", show);

  const unsubscribe = portal.sdk.notifications.subscribe(
    (notification) => {
      if (portal.notifications.some((n) => n.id === notification.id)) return;
      portal.notifications.unshift(notification);
      portal.unread += 1;
      notifyChanged(portal);
      toast(notification.title, notification.body);
    },
    {
      // Connected (again): reload the inbox, so nothing sent while the stream was down is missed.
      onReady: () => {
        live.classList.add("on");
        live.title = "New notifications appear here as they are sent";
      },
      onError: () => live.classList.remove("on"),
    },
  );
  drawChrome();
  show();

  // Sign-out tears everything down; the sign-in page replaces the layout.
  const stop = () => {
    unsubscribe();
    clearInterval(ticker);
    current?.leave?.();
    window.removeEventListener("hashchange", show);
    portal.changed.clear();
  };
  root.addEventListener("portal:signout", stop, { once: true });
}

/** Reloads the inbox from the server. */
export async function refreshInbox(portal: Portal): Promise<void> {
  try {
    const { notifications, unread } = await portal.sdk.notifications.list();
    portal.notifications = notifications;
    portal.unread = unread;
    notifyChanged(portal);
  } catch (error) {
    toast("Could not load your inbox", String(error), "error");
  }
}
