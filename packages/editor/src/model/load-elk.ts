import type { ELK } from "elkjs/lib/elk-api.js";

let elk: Promise<ELK> | undefined;

/**
 * ELK, loaded on first use (it is large). In the page it runs in a web worker (`elk-worker.min.js`, served as a file
 * of the editor's own, so the page's `script-src 'self'` allows it): laying out a long journey takes a few hundred
 * milliseconds, during which the page stays responsive. Where there are no workers (the unit tests, in Node) the
 * same ELK runs in the calling thread (`elk.bundled.js`).
 */
export function loadElk(): Promise<ELK> {
  elk ??=
    typeof Worker === "undefined"
      ? import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk())
      : Promise.all([import("elkjs/lib/elk-api.js"), import("elkjs/lib/elk-worker.min.js?url")]).then(
          ([{ default: Elk }, { default: workerUrl }]) => new Elk({ workerUrl }),
        );
  return elk;
}
