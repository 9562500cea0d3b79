import { type DemoCustomer, type DemoSession, demoApi } from "../demo-api.ts";
import { h, initials, mount } from "../dom.ts";

/** The demo sign-in: pick one of the demo customers (a real portal would have its own login). */
export function renderSignIn(root: HTMLElement, onSignedIn: (session: DemoSession) => void): void {
  const list = h("ul", { class: "customer-list" }, h("li", { class: "muted" }, "Loading demo customers…"));
  const error = h("p", { class: "error", role: "alert" });
  mount(
    root,
    h(
      "div",
      { class: "sign-in" },
      h(
        "div",
        { class: "sign-in-card" },
        h(
          "div",
          { class: "brand big" },
          h("span", { class: "logo" }, "N"),
          h("div", {}, h("strong", {}, "Northwind"), h("small", {}, "Customer portal")),
        ),
        h("h1", {}, "Sign in"),
        h(
          "p",
          { class: "muted" },
          "This is a demo of Overture. Choose a customer to sign in as; nothing is sent outside this machine.",
        ),
        list,
        error,
      ),
      h(
        "div",
        { class: "sign-in-aside" },
        h("h2", {}, "Watch a customer journey happen"),
        h(
          "ol",
          {},
          h("li", {}, "Sign in and buy a plan: the purchase starts the onboarding journey."),
          h("li", {}, "A welcome notification arrives in the inbox, live, and the dashboard banner changes."),
          h("li", {}, "Read a few guides: reading time is tracked and shapes the recommendations."),
          h("li", {}, "Advance the demo clock by a day or a week to see the next emails go out (see /mailbox)."),
        ),
      ),
    ),
  );
  const choose = async (customer: DemoCustomer, button: HTMLButtonElement) => {
    button.setAttribute("disabled", "");
    error.textContent = "";
    try {
      onSignedIn(await demoApi.session(customer.id));
    } catch (e) {
      error.textContent = `Could not sign in: ${e instanceof Error ? e.message : String(e)}`;
      button.removeAttribute("disabled");
    }
  };
  demoApi
    .customers()
    .then((customers) =>
      mount(
        list,
        ...customers.map((customer) => {
          const button = h(
            "button",
            { class: "customer", "data-testid": `sign-in-${customer.id}` },
            h("span", { class: "avatar" }, initials(`${customer.firstName} ${customer.lastName}`)),
            h(
              "span",
              { class: "customer-text" },
              h("strong", {}, `${customer.firstName} ${customer.lastName}`),
              h("small", {}, `${customer.email} · ${customer.company}`),
            ),
            h("span", { class: "chevron", "aria-hidden": "true" }, "→"),
          );
          button.addEventListener("click", () => choose(customer, button));
          return h("li", {}, button);
        }),
      ),
    )
    .catch((e) => {
      error.textContent = `The demo routes are not available: ${e instanceof Error ? e.message : String(e)}. Start the server with \`npm start\`.`;
    });
}
