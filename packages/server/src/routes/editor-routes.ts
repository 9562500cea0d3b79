import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Context, Hono } from "hono";
import { isProxied } from "../demo-guard.ts";

/** Where the built editor is, and the key it may use when opened on this machine. */
export type EditorOptions = {
  /** The editor's `vite build` output (packages/editor/dist). */
  distDir: string;
  /**
   * Demo mode only: the secret key handed to an editor opened from this machine (loopback address, a localhost Host
   * header, no proxy's forwarding header) by GET /editor-config. Without it the editor asks for a key.
   */
  localApiKey?: string;
};

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * Serves the built editor at `/` (its files under /assets) and its local configuration at /editor-config.
 * The API stays under /v1.
 */
export function mountEditor(app: Hono, options: EditorOptions): void {
  app.get("/editor-config", (c) => {
    const local = options.localApiKey !== undefined && isLoopbackRequest(c);
    c.header("cache-control", "no-store");
    return c.json(local ? { apiKey: options.localApiKey } : { apiKey: null });
  });
  // Only "/" and "/assets/…": the editor routes by the location hash, so every other path stays free for the API,
  // the portal, the mailbox and email links.
  app.get("/", async (c) => {
    const index = await readFile(join(options.distDir, "index.html")).catch(() => null);
    return index ? c.html(index.toString("utf8"), 200, { "cache-control": "no-cache" }) : c.html(NOT_BUILT, 503);
  });
  app.get("/assets/*", async (c, next) => {
    const file = safeJoin(options.distDir, decodeURIComponent(c.req.path.slice(1)));
    const asset = file ? await readFile(file).catch(() => null) : null;
    if (!file || !asset) return next();
    // Vite names assets by content hash, so they never change.
    return new Response(asset, {
      headers: {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  });
}

const NOT_BUILT = `<!doctype html><title>Overture</title><p style="font-family:sans-serif">The editor is not built yet: run <code>npm run build:editor</code> (npm start does it for you), then reload.</p>`;

/** The file under `root` for a request path, or null when the path tries to leave it. */
function safeJoin(root: string, relative: string): string | null {
  const file = normalize(join(root, relative));
  return file.startsWith(normalize(root) + sep) ? file : null;
}

/**
 * True when the request comes from this machine and names it in its Host header: a page on another site
 * cannot read the key (DNS rebinding would need a foreign Host name).
 */
function isLoopbackRequest(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress ?? "";
  const host = (c.req.header("host") ?? "").replace(/:\d+$/, "");
  const loopbackAddress = address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
  // A reverse proxy on this machine connects from loopback with the Host it was given: a forwarded request is remote.
  return loopbackAddress && !isProxied(c) && (host === "localhost" || host === "127.0.0.1" || host === "[::1]");
}
