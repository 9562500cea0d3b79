import type { Portal } from "../app-state.ts";
import { demoApi, type LibraryItem } from "../demo-api.ts";
import { h, mount } from "../dom.ts";
import type { View } from "./shell.ts";

let cached: LibraryItem[] | null = null;

/** The content library, fetched once per page. */
export async function libraryItems(): Promise<LibraryItem[]> {
  cached ??= await demoApi.library();
  return cached;
}

/** The library grid: each card opens the article, whose reading time is tracked. */
export function libraryView(_portal: Portal): View {
  const grid = h("div", { class: "library-grid", "data-testid": "library" }, h("p", { class: "muted" }, "Loading…"));
  libraryItems()
    .then((items) => mount(grid, ...items.filter((i) => i.type !== "banner" && i.type !== "tip").map(card)))
    .catch((error) => mount(grid, h("p", {}, `Could not load the library: ${error.message}`)));
  return {
    element: h(
      "div",
      {},
      h(
        "p",
        { class: "muted intro" },
        "Guides and articles picked by our customer team. Reading time helps us recommend what comes next.",
      ),
      grid,
    ),
  };
}

function card(item: LibraryItem): HTMLElement {
  return h(
    "a",
    {
      class: "library-card card",
      href: `#/library/${encodeURIComponent(item.id)}`,
      "data-testid": `content-${item.id}`,
    },
    h("span", { class: `type ${item.type}` }, item.type),
    h("h3", {}, item.title),
    h("p", { class: "muted" }, item.summary),
    h("div", { class: "topics" }, ...item.topics.map((t) => h("span", { class: "topic" }, t))),
  );
}
