import type { Notification } from "@overture/sdk";
import { demoNow, notifyChanged, type Portal } from "../app-state.ts";
import { ago, h, mount, toast } from "../dom.ts";
import { pushButton } from "./push-button.ts";
import type { View } from "./shell.ts";

/** The inbox: newest first, unread ones marked; opening one marks it read, × dismisses it. New ones appear live. */
export function inboxView(portal: Portal): View {
  const list = h("div", { class: "inbox card", "data-testid": "inbox" });
  const draw = () => {
    const now = demoNow(portal);
    mount(
      list,
      portal.notifications.length === 0
        ? h(
            "div",
            { class: "empty" },
            h("p", {}, "Your inbox is empty."),
            h("p", { class: "muted" }, "Messages from Northwind appear here as they are sent."),
          )
        : h("ul", {}, ...portal.notifications.map((n) => row(portal, n, now))),
    );
  };
  portal.changed.add(draw);
  draw();
  return { element: h("div", {}, pushButton(portal), list), leave: () => portal.changed.delete(draw) };
}

function row(portal: Portal, n: Notification, now: number): HTMLElement {
  const open = async () => {
    if (n.readAt) return;
    try {
      await portal.sdk.notifications.markRead(n.id);
      n.readAt = now;
      portal.unread = Math.max(0, portal.unread - 1);
      notifyChanged(portal);
    } catch (error) {
      toast("Could not mark it read", String(error), "error");
    }
  };
  const dismiss = async (event: Event) => {
    event.stopPropagation();
    try {
      await portal.sdk.notifications.dismiss(n.id);
      portal.notifications = portal.notifications.filter((other) => other.id !== n.id);
      if (!n.readAt) portal.unread = Math.max(0, portal.unread - 1);
      notifyChanged(portal);
    } catch (error) {
      toast("Could not dismiss it", String(error), "error");
    }
  };
  return h(
    "li",
    { class: `notification ${n.readAt ? "read" : "unread"}`, "data-testid": "notification", onclick: open },
    h("span", { class: "dot", "aria-hidden": "true" }),
    h(
      "div",
      { class: "notification-text" },
      h("strong", {}, n.title),
      h("p", {}, n.body),
      n.link ? h("a", { class: "link", href: `#/library`, onclick: (e) => e.stopPropagation() }, `${n.link} →`) : null,
    ),
    h("small", { class: "muted" }, ago(n.createdAt, now)),
    h("button", { class: "icon", title: "Dismiss", "aria-label": "Dismiss", onclick: dismiss }, "×"),
  );
}
