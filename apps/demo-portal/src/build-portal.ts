import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** One file of the portal, ready to serve. */
export type PortalFile = { body: string; contentType: string };

/** The portal's files by name under /portal: index.html, portal.js, portal.css, sw.js (the service worker). */
export type PortalFiles = Record<string, PortalFile>;

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Bundles the portal (TypeScript and the SDK) into one script with esbuild, in memory, and reads its page and
 * styles. `overture serve` calls it at start-up (about a tenth of a second), so there is no build step to forget.
 */
export async function buildPortal(): Promise<PortalFiles> {
  const [bundle, html, css, worker] = await Promise.all([
    build({
      entryPoints: [here("./main.ts")],
      bundle: true,
      format: "esm",
      target: "es2022",
      platform: "browser",
      minify: true,
      sourcemap: false,
      write: false,
      logLevel: "silent",
    }),
    readFile(here("../index.html"), "utf8"),
    readFile(here("./styles.css"), "utf8"),
    // The service worker is plain JavaScript, served as it is: a worker's script is not bundled with the page.
    readFile(here("./sw.js"), "utf8"),
  ]);
  const js = bundle.outputFiles[0]?.text ?? "";
  return {
    "index.html": { body: html, contentType: "text/html; charset=utf-8" },
    "portal.js": { body: js, contentType: "text/javascript; charset=utf-8" },
    "portal.css": { body: css, contentType: "text/css; charset=utf-8" },
    "sw.js": { body: worker, contentType: "text/javascript; charset=utf-8" },
  };
}
