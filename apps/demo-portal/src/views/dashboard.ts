import type { SlotDecision } from "@overture/sdk";
import { demoNow, type Portal } from "../app-state.ts";
import { PLANS, type Plan } from "../catalog.ts";
import { ago, h, mount, toast } from "../dom.ts";
import type { View } from "./shell.ts";

const SLOTS = ["dashboard.hero", "sidebar.tip"];
/** How often the open dashboard asks again what its slots show (journeys change them while the page is open). */
const REFRESH_MS = 2_000;

/** The dashboard: the personalized hero, the plans to buy, the latest notifications and a tip. */
export function dashboardView(portal: Portal): View {
  const hero = h(
    "section",
    { class: "hero loading", "data-testid": "hero" },
    h("div", { class: "hero-body" }, h("p", {}, "Loading…")),
  );
  const tip = h("div", { class: "card tip" });
  const latest = h("div", { class: "card" });
  let shown = "";

  const draw = (slots: Record<string, SlotDecision>) => {
    const decision = slots["dashboard.hero"];
    const key = JSON.stringify([decision?.contentId, decision?.source, slots["sidebar.tip"]?.contentId]);
    if (key === shown) return;
    shown = key;
    drawHero(hero, decision);
    const tipContent = slots["sidebar.tip"]?.content;
    mount(
      tip,
      h("h3", {}, "Tip"),
      tipContent ? h("p", { class: "tip-title" }, tipContent.title) : h("p", { class: "muted" }, "No tip today."),
      tipContent?.summary ? h("p", { class: "muted" }, tipContent.summary) : null,
    );
  };
  const refresh = () =>
    portal.sdk
      .slots(SLOTS)
      .then(draw)
      .catch((error) => {
        mount(hero, h("div", { class: "hero-body" }, h("p", {}, `Could not load the dashboard: ${error.message}`)));
      });

  const drawLatest = () => {
    const now = demoNow(portal);
    mount(
      latest,
      h(
        "div",
        { class: "card-head" },
        h("h3", {}, "Latest notifications"),
        h("a", { href: "#/inbox", class: "link" }, "Inbox →"),
      ),
      portal.notifications.length === 0
        ? h("p", { class: "muted" }, "Nothing yet. Buy a plan to start your onboarding.")
        : h(
            "ul",
            { class: "mini-list" },
            ...portal.notifications
              .slice(0, 3)
              .map((n) =>
                h(
                  "li",
                  { class: n.readAt ? "" : "unread" },
                  h("strong", {}, n.title),
                  h("small", {}, ago(n.createdAt, now)),
                ),
              ),
          ),
    );
  };

  const plans = h(
    "section",
    { class: "plans" },
    h(
      "div",
      { class: "section-head" },
      h("h2", {}, "Plans"),
      h("p", { class: "muted" }, "Buying a plan fires purchase.completed: watch your onboarding start."),
    ),
    h("div", { class: "plan-grid" }, ...PLANS.map((plan) => planCard(portal, plan, refresh))),
  );

  const element = h(
    "div",
    { class: "dashboard" },
    hero,
    h("div", { class: "dashboard-grid" }, plans, h("div", { class: "side" }, latest, tip)),
  );
  const onChange = () => {
    drawLatest();
    void refresh();
  };
  portal.changed.add(onChange);
  drawLatest();
  void refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return {
    element,
    leave: () => {
      clearInterval(timer);
      portal.changed.delete(onChange);
    },
  };
}

function drawHero(hero: HTMLElement, decision: SlotDecision | undefined): void {
  const content = decision?.content ?? null;
  hero.className = `hero ${decision?.source === "assignment" ? "personal" : "default"}`;
  hero.dataset.contentId = decision?.contentId ?? "";
  hero.dataset.source = String(decision?.source ?? "none");
  const label = decision?.source === "assignment" ? "Picked for you by your onboarding journey" : "What's new";
  mount(
    hero,
    h(
      "div",
      { class: "hero-body" },
      h("span", { class: "eyebrow" }, label),
      h("h2", { "data-testid": "hero-title" }, content?.title ?? "Welcome to Northwind"),
      h("p", {}, content?.summary ?? "Your dashboards, guides and support in one place."),
      content
        ? h("a", { class: "button light", href: `#/library/${encodeURIComponent(content.id)}` }, "Read more")
        : null,
    ),
    h("div", { class: "hero-art", "aria-hidden": "true" }, h("span", {}), h("span", {}), h("span", {})),
  );
}

function planCard(portal: Portal, plan: Plan, refresh: () => Promise<void>): HTMLElement {
  const bought = portal.purchased.has(plan.id);
  const button = h(
    "button",
    { class: plan.featured ? "primary" : "secondary", "data-testid": `buy-${plan.id}`, disabled: bought },
    bought ? "Purchased ✓" : `Buy ${plan.name}`,
  );
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    button.textContent = "Processing…";
    try {
      await portal.sdk.track("purchase.completed", {
        product: `${plan.name} plan`,
        plan: plan.id,
        amount: plan.price,
        currency: "EUR",
      });
      toast("Thank you for your purchase!", `${plan.name} plan · €${plan.price}/month`, "success");
      button.textContent = "Purchased ✓";
      portal.purchased.add(plan.id);
      await refresh();
    } catch (error) {
      toast("The purchase failed", String(error), "error");
      button.textContent = `Buy ${plan.name}`;
      button.removeAttribute("disabled");
    }
  });
  return h(
    "article",
    { class: `plan ${plan.featured ? "featured" : ""}` },
    plan.featured ? h("span", { class: "pill" }, "Most popular") : null,
    h("h3", {}, plan.name),
    h("p", { class: "price" }, h("strong", {}, `€${plan.price}`), h("span", {}, "/month")),
    h("p", { class: "muted" }, plan.blurb),
    h("ul", { class: "features" }, ...plan.features.map((f) => h("li", {}, f))),
    button,
  );
}
