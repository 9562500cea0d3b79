import type { ContentView } from "@overture/sdk";
import type { Portal } from "../app-state.ts";
import { h, mount } from "../dom.ts";
import { libraryItems } from "./library.ts";
import type { View } from "./shell.ts";

/** One article; the time it is on screen (visible) is sent as content.viewed when the reader leaves. */
export function articleView(portal: Portal, id: string): View {
  const element = h(
    "article",
    { class: "reader card", "data-testid": "article" },
    h("p", { class: "muted" }, "Loading…"),
  );
  const started = Date.now();
  let view: ContentView | null = null;
  let left = false;
  const reading = h("span", { class: "reading", "data-testid": "reading-time" }, "0 s");
  const ticker = setInterval(() => {
    reading.textContent = `${Math.round((Date.now() - started) / 1000)} s`;
  }, 1_000);

  libraryItems()
    .then((items) => {
      const item = items.find((i) => i.id === id);
      if (!item)
        return mount(
          element,
          h("p", {}, "This article does not exist."),
          h("a", { href: "#/library", class: "link" }, "← Back to the library"),
        );
      if (!left) view = portal.sdk.startContentView(item.id, { topics: item.topics });
      return mount(
        element,
        h("p", {}, h("a", { href: "#/library", class: "link" }, "← Library")),
        h("span", { class: `type ${item.type}` }, item.type),
        h("h1", {}, item.title),
        h("p", { class: "lead" }, item.summary),
        h("div", { class: "article-body" }, ...(item.body ?? "").split(/\n+/).map((p) => h("p", {}, p))),
        h(
          "footer",
          { class: "article-foot" },
          h("div", { class: "topics" }, ...item.topics.map((t) => h("span", { class: "topic" }, t))),
          h("span", { class: "muted" }, "Reading time tracked: ", reading),
        ),
      );
    })
    .catch((error) => mount(element, h("p", {}, `Could not load the article: ${error.message}`)));

  return {
    element,
    leave: () => {
      left = true;
      clearInterval(ticker);
      void view?.stop().catch(() => {});
    },
  };
}
